using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bootstrap.Bench.Harness;

/// <summary>How the bench runs the Bootstrap host: its own data folder, and rate limits out of the way of load tests.</summary>
public static class BootstrapHost
{
    public const string ProbePath = "/api/v2/setup";

    /// <summary>The InfluxDB onboarding body the bench sets every instance up with.</summary>
    public static readonly object Onboarding = new
    {
        username = "admin",
        password = "bench-password-1",
        org = "bench",
        bucket = "bench",
        retentionPeriodSeconds = 0,
    };

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Runtime or app settings under test (<c>--app-env</c>), applied to every Bootstrap host the bench starts.</summary>
    public static IReadOnlyDictionary<string, string> Overrides { get; set; } = new Dictionary<string, string>();

    public static Dictionary<string, string> Settings(string dataFolder)
    {
        var settings = Defaults(dataFolder);
        foreach (var (key, value) in Overrides)
        {
            settings[key] = value;
        }
        return settings;
    }

    private static Dictionary<string, string> Defaults(string dataFolder) => new()
    {
        ["ConnectionStrings__Bootstrap"] = $"Data Source={Path.Combine(dataFolder, "bootstrap.db")}",
        ["Setup__ClaimTokenPath"] = Path.Combine(dataFolder, "setup-token"),
        ["RateLimits__SetupPerMinute"] = "1000000",
        ["RateLimits__SignInPerMinute"] = "1000000",
        ["RateLimits__TokenPerMinute"] = "1000000",
        ["RateLimits__ClaimFailuresPerMinute"] = "1000000",
    };

    public static string DatabasePath(string dataFolder) => Path.Combine(dataFolder, "bootstrap.db");

    /// <summary>POST /api/v2/setup; returns the operator token (kept in memory only, never printed).</summary>
    public static async Task<string> SetUpAsync(Uri baseAddress)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(baseAddress, ProbePath), Onboarding);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST {ProbePath} answered {(int)response.StatusCode}");
        }
        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("auth").GetProperty("token").GetString()!;
    }

    public static HttpClient AuthenticatedClient(Uri baseAddress, string token)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", token);
        return client;
    }
}
