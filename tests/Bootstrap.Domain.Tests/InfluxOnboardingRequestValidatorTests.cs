using Bootstrap.Domain.Influx;
using Bootstrap.Domain.Security;

namespace Bootstrap.Domain.Tests;

public sealed class InfluxOnboardingRequestValidatorTests
{
    private readonly InfluxOnboardingRequestValidator _validator = new(new PasswordPolicy());

    private static InfluxOnboardingRequest Valid() => new() { Username = "admin", Password = "plum-kettle-42", Org = "acme", Bucket = "b" };

    [Fact]
    public void Validate_ShouldStopAtMissingFieldsListingThemInWireOrder()
    {
        var result = _validator.Validate(new InfluxOnboardingRequest { Org = "acme", Password = "x" });

        var failure = Assert.Single(result.Errors);
        Assert.Equal("unprocessable entity", failure.ErrorCode);
        Assert.Equal("onboarding failed: missing required fields [username,bucket]", failure.ErrorMessage);
    }

    [Fact]
    public void Validate_ShouldAcceptAnAbsentPassword()
    {
        var request = Valid();
        request.Password = null;

        Assert.True(_validator.Validate(request).IsValid);
    }

    [Theory]
    [InlineData(null, 3_599_999_999_999L, false)]
    [InlineData(null, 3_600_000_000_000L, true)]
    [InlineData(null, 1L, false)]
    [InlineData(3599L, null, false)]
    [InlineData(3600L, 1L, true)]
    [InlineData(0L, 0L, true)]
    public void Validate_ShouldReadRetentionHrsAsNanoseconds(long? seconds, long? hrs, bool valid)
    {
        var request = Valid();
        request.RetentionPeriodSeconds = seconds;
        request.RetentionPeriodHrs = hrs;

        var result = _validator.Validate(request);

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            Assert.Equal("invalid", result.Errors[0].ErrorCode);
        }
    }

    [Fact]
    public void RetentionSeconds_ShouldPreferSecondsOverHrs()
    {
        Assert.Equal(7200, new InfluxOnboardingRequest { RetentionPeriodSeconds = 7200, RetentionPeriodHrs = 99_000_000_000_000 }.GetRetentionSeconds());
        Assert.Equal(99_000, new InfluxOnboardingRequest { RetentionPeriodHrs = 99_000_000_000_000 }.GetRetentionSeconds());
    }

    [Theory]
    [InlineData("_system")]
    [InlineData("a\"b")]
    public void Validate_ShouldRejectBucketNamesInfluxRejects(string bucket)
    {
        var request = Valid();
        request.Bucket = bucket;

        var failure = Assert.Single(_validator.Validate(request).Errors);

        Assert.Equal("invalid", failure.ErrorCode);
        Assert.Contains("is invalid", failure.ErrorMessage);
    }
}
