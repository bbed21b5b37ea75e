using Bootstrap.Domain.Security;
using Bootstrap.Domain.Setup;
using FluentValidation;

namespace Bootstrap.Domain.Tests;

public sealed class SetupRequestValidatorTests
{
    private static SetupRequest Valid() => new()
    {
        Organization = "Acme",
        Admin = new() { UserName = "admin", Email = "admin@acme.test", Password = "plum-kettle-42" },
        Bucket = new() { Name = "telemetry", RetentionSeconds = 3600 },
    };

    [Fact]
    public void Validate_ShouldAcceptAValidRequest() =>
        Assert.True(new SetupRequestValidator(new PasswordPolicy(), TimeProvider.System).Validate(Valid()).IsValid);

    [Fact]
    public void Validate_ShouldNameEachUnmetPolicyRuleWhenHardened()
    {
        var policy = new PasswordPolicy { RequireUpper = true, RequireDigit = true, RequireSymbol = true };
        var request = Valid();
        request.Admin!.Password = "lowercaseonly";

        var messages = new SetupRequestValidator(policy, TimeProvider.System).Validate(request).Errors
            .Where(e => e.PropertyName == "Admin.Password").Select(e => e.ErrorMessage).ToList();

        Assert.Equal(
            ["password must contain an uppercase letter", "password must contain a digit", "password must contain a symbol"],
            messages);
    }

    [Fact]
    public async Task ValidateAsync_ShouldCheckOnlyTheIncludedPropertyAsTheWizardDoes()
    {
        var request = new SetupRequest { Admin = new() { Password = "short" } };

        var result = await new SetupRequestValidator(new PasswordPolicy(), TimeProvider.System)
            .ValidateAsync(request, options => options.IncludeProperties("Admin.Password"));

        var failure = Assert.Single(result.Errors);
        Assert.Equal("Admin.Password", failure.PropertyName);
    }

    [Fact]
    public void Validate_ShouldRejectNullSectionsWithoutThrowing()
    {
        var request = new SetupRequest { Organization = "Acme", Admin = null, Bucket = null };

        var errors = new SetupRequestValidator(new PasswordPolicy(), TimeProvider.System).Validate(request).Errors;

        Assert.Contains(errors, e => e.PropertyName == "Admin");
        Assert.Contains(errors, e => e.PropertyName == "Bucket");
    }

    [Theory]
    [InlineData(1L, false)]
    [InlineData(3599L, false)]
    [InlineData(-3600L, false)]
    [InlineData(0L, true)]
    [InlineData(3600L, true)]
    public void Validate_ShouldAllowInfiniteOrAtLeastAnHourOfRetention(long seconds, bool valid)
    {
        var request = Valid();
        request.Bucket!.RetentionSeconds = seconds;

        Assert.Equal(valid, new SetupRequestValidator(new PasswordPolicy(), TimeProvider.System).Validate(request).IsValid);
    }

    [Fact]
    public void Validate_ShouldRejectExpiriesInThePastAndAMachineNamedLikeTheAdmin()
    {
        var request = Valid();
        request.Machine = new() { UserName = "Admin", Name = "Bot", PatExpiresAt = DateTime.UtcNow.AddDays(-1), MachineKey = true, MachineKeyExpiresAt = DateTime.UtcNow.AddDays(-1) };

        var properties = new SetupRequestValidator(new PasswordPolicy(), TimeProvider.System).Validate(request).Errors
            .Select(e => e.PropertyName).ToList();

        Assert.Equal(["Machine.UserName", "Machine.PatExpiresAt", "Machine.MachineKeyExpiresAt"], properties);
    }

    [Fact]
    public void Validate_ShouldRejectControlCharactersAndLoneSurrogates()
    {
        // Built in code: xunit would replace a lone surrogate in test data with U+FFFD.
        foreach (var organization in new[] { "bad\u0000name", "bad" + '\ud800' + "name", "bad" + '\udc00' })
        {
            var request = Valid();
            request.Organization = organization;

            Assert.Contains(new SetupRequestValidator(new PasswordPolicy(), TimeProvider.System).Validate(request).Errors, e => e.PropertyName == "Organization");
        }
    }
}
