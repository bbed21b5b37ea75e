using Bootstrap.Domain.Setup;

namespace Bootstrap.Domain.Influx;

/// <summary>The body of InfluxDB 2.x <c>POST /api/v2/setup</c> (and <c>/api/v2/setup/user</c>).</summary>
public sealed class InfluxOnboardingRequest
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    public string? Username { get; set; }
    public string? Password { get; set; }
    public string? Org { get; set; }
    public string? Bucket { get; set; }
    public long? RetentionPeriodSeconds { get; set; }

    /// <summary>Despite its name, the real server reads this as nanoseconds; kept for wire parity.</summary>
    public long? RetentionPeriodHrs { get; set; }

    public string? Token { get; set; }

    public long GetRetentionSeconds() =>
        RetentionPeriodSeconds is > 0 ? RetentionPeriodSeconds.Value : (RetentionPeriodHrs ?? 0) / NanosecondsPerSecond;

    /// <summary>Non-zero but under an hour, judged at nanosecond precision as the real server does.</summary>
    public bool IsRetentionUnderAnHour() => RetentionPeriodSeconds is > 0
        ? RetentionPeriodSeconds < Entities.Bucket.MinimumRetentionSeconds
        : RetentionPeriodHrs is > 0 && RetentionPeriodHrs < Entities.Bucket.MinimumRetentionSeconds * NanosecondsPerSecond;

    public SetupCommand ToCommand() => new(
        Org!,
        new AdminSpec(Username!, Email: null, string.IsNullOrEmpty(Password) ? null : Password),
        new BucketSpec(Bucket!, GetRetentionSeconds()),
        Machine: null,
        SuppliedOperatorToken: string.IsNullOrEmpty(Token) ? null : Token);
}
