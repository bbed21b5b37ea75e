using System.Net;
using System.Net.Http.Headers;
using Bootstrap.Api.Tests.Infrastructure;

namespace Bootstrap.Api.Tests.Operations;

/// <summary>
/// OpenTelemetry listens to a meter by name across the whole process, so a host's scrape also counts
/// what other test hosts record at the same time; these exact counts need the process to themselves.
/// </summary>
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsCollection;

/// <summary>The Prometheus scrape endpoint: off by default, open when on, linted by promtool, free of secrets.</summary>
[Collection(nameof(MetricsTests))]
public sealed class MetricsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Dictionary<string, string?> MetricsOn(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["SystemApi:Token"] = BootstrapApiFactory.SystemToken, ["Metrics:Enabled"] = "true" };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }
        return settings;
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task MetricsAfterSetup_ShouldPassPromtoolAndShowRequestDurationsSetupsAndTokenAuthentications(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider, settings: MetricsOn());
        var token = await app.CompleteFirstRunAsync();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/me", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithTokenAsync("/api/v2/me", "not-a-token")).StatusCode);

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var scrape = await response.Content.ReadAsStringAsync();
        // Prometheus's own linter, from Debian's prometheus package.
        var lint = await RequiredTool.RunAsync("promtool", "prometheus", ["check", "metrics"], input: scrape);
        Assert.True(lint.ExitCode == 0, $"promtool check metrics: {lint}");
        Assert.Contains(Samples(scrape, "http_server_request_duration_seconds_count"), line => line.Contains("http_route=\"api/v2/setup\"", StringComparison.Ordinal));
        Assert.Contains(Samples(scrape, "bootstrap_setup_attempts_total"), line => HasLabels(line, "door=\"influx\"", "outcome=\"completed\"") && line.EndsWith(" 1", StringComparison.Ordinal));
        Assert.Contains(Samples(scrape, "bootstrap_setup_duration_seconds_count"), line => HasLabels(line, "door=\"influx\"", "outcome=\"completed\""));
        Assert.Contains(Samples(scrape, "bootstrap_token_authentications_total"), line => HasLabels(line, "result=\"succeeded\""));
        Assert.Contains(Samples(scrape, "bootstrap_token_authentications_total"), line => HasLabels(line, "result=\"rejected\""));
    }

    [Fact]
    public async Task MetricsWithClaimFailures_ShouldCountThemAndTheirRateLimitRejections()
    {
        await using var app = await BootstrapApiFactory.OnAsync(DatabaseProvider.Sqlite, RemotePeerStartupFilter.Install(), MetricsOn(new()
        {
            ["Setup:ClaimTokenPath"] = _folder.File("setup-token"),
            ["RateLimits:ClaimFailuresPerMinute"] = "1",
        }));
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostJsonAsync("/api/setup", Requests.NativeSetup())).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostJsonAsync("/api/setup", Requests.NativeSetup())).StatusCode);
        var scrape = await client.GetStringAsync("/metrics");

        Assert.Contains(Samples(scrape, "bootstrap_setup_claim_failures_total"), line => HasLabels(line, "door=\"native\"") && line.EndsWith(" 2", StringComparison.Ordinal));
        Assert.Contains(Samples(scrape, "bootstrap_rate_limit_rejections_total"), line => HasLabels(line, "limit=\"claim_failures\"") && line.EndsWith(" 1", StringComparison.Ordinal));
        Assert.DoesNotContain(Samples(scrape, "bootstrap_setup_attempts_total"), line => true);
    }

    [Fact]
    public async Task MetricsScrape_ShouldAnswerWithoutAuthBeforeAndAfterSetupAndNeverShowTheTokenOrThePassword()
    {
        const string operatorToken = "operator-token-that-must-never-leak-0123456789";
        await using var app = await BootstrapApiFactory.OnAsync(DatabaseProvider.Sqlite, settings: MetricsOn());
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
        var onboarding = Requests.InfluxOnboarding();
        onboarding["token"] = operatorToken;
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/v2/setup", onboarding)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/me", operatorToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync($"/api/v2/buckets?name={operatorToken}", operatorToken)).StatusCode);

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var scrape = await response.Content.ReadAsStringAsync();
        Assert.Contains("bootstrap_setup_attempts_total", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain(operatorToken, scrape, StringComparison.Ordinal);
        Assert.DoesNotContain(Requests.Password, scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ShouldBe404WhenNotEnabled()
    {
        await using var app = new BootstrapApiFactory();
        var token = await app.CompleteFirstRunAsync();
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
        var authenticated = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        authenticated.Headers.Authorization = new AuthenticationHeaderValue("Token", token);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(authenticated)).StatusCode);
    }

    /// <summary>The sample lines of one metric (not its HELP and TYPE comments).</summary>
    private static IEnumerable<string> Samples(string scrape, string metric) =>
        scrape.Split('\n').Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal));

    private static bool HasLabels(string line, params string[] labels) => labels.All(label => line.Contains(label, StringComparison.Ordinal));
}
