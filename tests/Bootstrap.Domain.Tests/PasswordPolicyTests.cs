using Bootstrap.Domain.Infisical;
using Bootstrap.Domain.Influx;
using Bootstrap.Domain.Security;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Zitadel;

namespace Bootstrap.Domain.Tests;

public sealed class PasswordPolicyTests
{
    private static readonly PasswordPolicy Policy = new();

    private static IEnumerable<string> Unmet(string password, string? userName = null) =>
        Policy.Evaluate(password, userName).Where(rule => !rule.Met).Select(rule => rule.Rule);

    [Theory]
    [InlineData("password")]
    [InlineData("12345678")]
    [InlineData("admin123")]
    [InlineData("qwertyuiop")]
    [InlineData("PASSWORD")]
    [InlineData("QwertyUiop")]
    [InlineData("iloveyou")]
    [InlineData("password1")]
    public void Evaluate_ShouldRefuseAPasswordOnTheCommonList_IgnoringCase(string password) =>
        Assert.Equal(["common"], Unmet(password));

    [Theory]
    [InlineData("correct-horse-9")]
    [InlineData("Sec-ret-123!")]
    [InlineData("plum-kettle-42")]
    [InlineData("bench-password-1")]
    [InlineData("password-1")] // weak, and the meter says so, but not itself on the list: the rule is membership, not a score
    public void Evaluate_ShouldAcceptAPasswordThatIsNotOnTheCommonList(string password) =>
        Assert.Empty(Unmet(password, "admin"));

    [Theory]
    [InlineData("admin", "my-admin-pass-1")]
    [InlineData("admin", "MY-ADMIN-PASS-1")]
    [InlineData("Gigi", "gigi-Giraffe-77")]
    [InlineData("  bob  ", "rob-and-bob-1")]
    public void Evaluate_ShouldRefuseAPasswordContainingTheUserName_IgnoringCase(string userName, string password) =>
        Assert.Equal(["username"], Unmet(password, userName));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("jo")]
    public void Evaluate_ShouldNotLookForAnUnknownOrTooShortUserName(string? userName)
    {
        Assert.Empty(Unmet("jo-jo-the-clown-7", userName));
        Assert.DoesNotContain(Policy.Evaluate("jo-jo-the-clown-7", userName), rule => rule.Rule == "username");
    }

    [Fact]
    public void SetupRequestValidator_ShouldRefuseTheAdminsOwnNameInThePassword()
    {
        var request = new SetupRequest
        {
            Organization = "Acme",
            Admin = new() { UserName = "admin", Email = "admin@acme.test", Password = "super-Admin-9" },
            Bucket = new() { Name = "telemetry" },
        };

        var errors = new SetupRequestValidator(Policy, TimeProvider.System).Validate(request).Errors;

        var error = Assert.Single(errors);
        Assert.Equal(("Admin.Password", PasswordPolicy.ContainsUserNameMessage), (error.PropertyName, error.ErrorMessage));
    }

    [Fact]
    public void InfluxValidator_ShouldRefuseACommonPasswordWithTheInvalidCode()
    {
        var request = new InfluxOnboardingRequest { Username = "admin", Password = "12345678", Org = "acme", Bucket = "b" };

        var error = Assert.Single(new InfluxOnboardingRequestValidator(Policy).Validate(request).Errors);

        Assert.Equal((InfluxOnboardingRequestValidator.Invalid, PasswordPolicy.CommonMessage), (error.ErrorCode, error.ErrorMessage));
    }

    [Fact]
    public void InfisicalValidator_ShouldRefuseACommonPasswordAndTheEmailInThePassword()
    {
        var common = new InfisicalBootstrapRequest { Email = "boss@acme.test", Password = "qwertyuiop", Organization = "Acme" };
        var withEmail = new InfisicalBootstrapRequest { Email = "boss@acme.test", Password = "BOSS@acme.test-1", Organization = "Acme" };

        var validator = new InfisicalBootstrapRequestValidator(Policy);

        Assert.Equal(PasswordPolicy.CommonMessage, Assert.Single(validator.Validate(common).Errors).ErrorMessage);
        Assert.Equal(PasswordPolicy.ContainsUserNameMessage, Assert.Single(validator.Validate(withEmail).Errors).ErrorMessage);
    }

    [Fact]
    public void ZitadelHumanValidator_ShouldRefuseTheUserNameInThePasswordWithItsOwnErrorId()
    {
        var human = new ZitadelHuman
        {
            UserName = "gigi",
            Email = new() { Email = "gigi@team.test" },
            Profile = new() { FirstName = "Gigi", LastName = "Giraffe" },
            Password = new() { Password = "Gigi-Giraffe-1!" },
        };

        var error = Assert.Single(new ZitadelHumanValidator().Validate(human).Errors);

        Assert.Equal(("PASSWORD-username", PasswordPolicy.ContainsUserNameMessage), (error.ErrorCode, error.ErrorMessage));
    }

    [Fact]
    public void PasswordStrength_ShouldScoreACommonPasswordZeroWithAWarning_AndAPassphraseStrong()
    {
        var common = PasswordStrength.Estimate("password", []);
        var passphrase = PasswordStrength.Estimate("plum kettle horizon sparrow", []);

        Assert.Equal((0, "Very weak", "This is a top-100 common password."), (common.Score, common.Label, common.Warning?.Text));
        Assert.NotEmpty(common.Suggestions);
        Assert.True(passphrase.Score >= 3, $"score {passphrase.Score}");
        Assert.Null(passphrase.Warning);
        Assert.NotNull(PasswordStrength.FirstEstimateDuration);
    }

    [Fact]
    public void PasswordStrength_ShouldCountTheUserNameAsAKnownWord()
    {
        var without = PasswordStrength.Estimate("gigigiraffe", []);
        var with = PasswordStrength.Estimate("gigigiraffe", ["gigigiraffe"]);

        Assert.True(with.Score <= without.Score);
        Assert.Equal("Your user name or email is easy to guess.", with.Warning?.Text);
    }
}
