using System.Diagnostics;
using System.Diagnostics.Metrics;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;

namespace Bootstrap.Domain.Telemetry;

/// <summary>
/// The product's own meter. Every tag takes one of a few fixed values (a door, an outcome, a result,
/// a policy): never a name, an address, a path or a secret, so a scrape stays small and safe to share.
/// </summary>
public sealed class BootstrapMetrics
{
    public const string MeterName = "Bootstrap";

    private readonly Counter<long> _setupAttempts;
    private readonly Histogram<double> _setupDuration;
    private readonly Counter<long> _claimFailures;
    private readonly Counter<long> _tokenAuthentications;
    private readonly Counter<long> _rateLimitRejections;

    public BootstrapMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _setupAttempts = meter.CreateCounter<long>("bootstrap.setup.attempts", "{attempt}",
            "First-run setup attempts that reached the setup service, by door and outcome.");
        _setupDuration = meter.CreateHistogram<double>("bootstrap.setup.duration", "s",
            "How long a first-run setup attempt took, by door and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _claimFailures = meter.CreateCounter<long>("bootstrap.setup.claim.failures", "{failure}",
            "Setup requests (and setup code checks) refused for a missing or wrong setup code, by door.");
        _tokenAuthentications = meter.CreateCounter<long>("bootstrap.token.authentications", "{authentication}",
            "API token authentications, by result.");
        _rateLimitRejections = meter.CreateCounter<long>("bootstrap.rate_limit.rejections", "{rejection}",
            "Requests answered 429, by limit.");
    }

    /// <summary>Starts timing a setup attempt; dispose it to record it (as failed unless an outcome was set).</summary>
    public SetupAttempt StartSetup(SetupContext context) => new(this, DoorOf(context));

    public void ClaimFailed(string door) => _claimFailures.Add(1, new KeyValuePair<string, object?>("door", door));

    public void TokenAuthenticated(bool succeeded) =>
        _tokenAuthentications.Add(1, new KeyValuePair<string, object?>("result", succeeded ? "succeeded" : "rejected"));

    /// <param name="limit">The rate-limiting policy, or <see cref="ClaimFailureLimit"/>.</param>
    public void RateLimitRejected(string limit) => _rateLimitRejections.Add(1, new KeyValuePair<string, object?>("limit", limit));

    public const string ClaimFailureLimit = "claim_failures";

    /// <summary>wizard, cli, firstrun (the FirstRun configuration), or the API family a request came through.</summary>
    public static string DoorOf(SetupContext context) => context.Channel switch
    {
        SetupChannel.Wizard => "wizard",
        SetupChannel.Cli => "cli",
        SetupChannel.Config => "firstrun",
        _ => context.ApiFamily ?? "api",
    };

    public sealed class SetupAttempt(BootstrapMetrics metrics, string door) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private string _outcome = "failed";

        public void Completed() => _outcome = "completed";

        public void AlreadySetUp() => _outcome = "already_set_up";

        public void Dispose()
        {
            var tags = new TagList { { "door", door }, { "outcome", _outcome } };
            metrics._setupAttempts.Add(1, tags);
            metrics._setupDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
        }
    }
}
