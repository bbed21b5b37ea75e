using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Setup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bootstrap.Api.Tests.Security;

/// <summary>
/// Runs every flow that takes or hands out a secret with the app logging at Trace (EF Core SQL
/// included, with sensitive-data logging as the app configures it: off), then looks for each
/// secret in every log message and exception, and in the bytes of the database file and its WAL.
/// </summary>
public sealed class SecretsNeverLoggedOrStoredTests
{
    private const string SecondHost = "second.test";

    [Fact]
    public async Task InfluxZitadelAndOAuthFlows_ShouldNeverLogOrStoreASecret()
    {
        await using var app = VerboseApp();
        var secrets = new List<string> { BootstrapApiFactory.SystemToken };
        var client = app.CreateClient();

        var onboarding = Requests.InfluxOnboarding();
        onboarding["password"] = Remember(secrets, "influx-Chief-pass-1");
        onboarding["token"] = Remember(secrets, $"supplied-operator-{Guid.NewGuid():N}");
        var operatorToken = await SecretAsync(await client.PostJsonAsync("/api/v2/setup", onboarding), HttpStatusCode.Created, "auth", "token");
        Assert.Equal(onboarding["token"], operatorToken);

        var refusedNative = Requests.NativeSetup();
        ((Dictionary<string, object?>)refusedNative["admin"]!)["password"] = Remember(secrets, "refused-Native-pass-2");
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostJsonAsync("/api/setup", refusedNative)).StatusCode);

        var secondUser = new Dictionary<string, object?>
        {
            ["username"] = "bob", ["password"] = Remember(secrets, "robs-Secret-pass-3"), ["org"] = "bobs-org", ["bucket"] = "bobs-bucket",
        };
        secrets.Add(await SecretAsync(await client.PostBearerAsync("/api/v2/setup/user", secondUser, operatorToken), HttpStatusCode.Created, "auth", "token"));

        var goodBasic = Remember(secrets, Basic("admin", (string)onboarding["password"]!));
        var signin = await SendAsync(client, HttpMethod.Post, "/api/v2/signin", new AuthenticationHeaderValue("Basic", goodBasic));
        Assert.Equal(HttpStatusCode.NoContent, signin.StatusCode);
        secrets.Add(SessionCookie(signin));
        var wrongPassword = Remember(secrets, "wrong-Guess-pass-4");
        var failedSignin = await SendAsync(client, HttpMethod.Post, "/api/v2/signin", new AuthenticationHeaderValue("Basic", Remember(secrets, Basic("admin", wrongPassword))));
        Assert.Equal(HttpStatusCode.Unauthorized, failedSignin.StatusCode);

        // The owner is a oneof: the human owner gets an instance of its own.
        var humanInstance = ZitadelFixtures.CreateInstance("human.test", human: true, machine: false);
        humanInstance["human"] = new
        {
            userName = "owner",
            email = new { email = "owner@second.test", isEmailVerified = true },
            profile = new { firstName = "Olga", lastName = "Owner" },
            password = new { password = Remember(secrets, "Zitadel-Boss-pass-5!") },
        };
        Assert.Equal(HttpStatusCode.OK, (await client.PostSystemAsync("/system/v1/instances/_create", humanInstance)).StatusCode);
        var created = await client.PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance(SecondHost));
        var pat = await SecretAsync(created, HttpStatusCode.OK, "pat");
        secrets.Add(pat);
        var keyFile = MachineKeyFileSecrets(secrets, await SecretAsync(created, HttpStatusCode.OK, "machineKey"));

        var secondClient = app.CreateClientFor(SecondHost);
        var assertion = Remember(secrets, ZitadelFixtures.SignAssertion(keyFile, $"http://{SecondHost}"));
        secrets.Add(assertion.Split('.')[2]);
        var accessToken = await SecretAsync(await secondClient.ExchangeAsync(assertion), HttpStatusCode.OK, "access_token");
        secrets.Add(accessToken);

        var org = new
        {
            org = new { name = "Team" },
            human = new
            {
                userName = "gigi",
                profile = new { firstName = "Gigi", lastName = "Giraffe" },
                email = new { email = "gigi@team.test" },
                password = Remember(secrets, "SetUp-Org-pass-6!"),
            },
        };
        Assert.Equal(HttpStatusCode.OK, (await secondClient.PostBearerAsync("/admin/v1/orgs/_setup", org, pat)).StatusCode);

        foreach (var (token, scheme, target) in new[] { (operatorToken, "Token", client), (pat, "Bearer", secondClient), (accessToken, "Bearer", secondClient) })
        {
            Assert.Equal(HttpStatusCode.OK, (await target.GetWithTokenAsync("/api/v2/me", token, scheme)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithTokenAsync("/api/v2/me", Remember(secrets, $"forged-{Guid.NewGuid():N}"))).StatusCode);

        AssertNeverLoggedOrStored(app, secrets);
    }

    [Fact]
    public async Task NativeSetupWithMachineUserAndKey_ShouldNeverLogOrStoreASecret()
    {
        await using var app = VerboseApp();
        var secrets = new List<string>();
        var request = Requests.NativeSetup();
        ((Dictionary<string, object?>)request["admin"]!)["password"] = Remember(secrets, "native-Chief-pass-7");

        var response = await app.CreateClient().PostJsonAsync("/api/setup", request);

        secrets.Add(await SecretAsync(response, HttpStatusCode.Created, "operatorToken"));
        secrets.Add(await SecretAsync(response, HttpStatusCode.Created, "machine", "pat"));
        MachineKeyFileSecrets(secrets, await SecretAsync(response, HttpStatusCode.Created, "machine", "machineKey"));
        AssertNeverLoggedOrStored(app, secrets);
    }

    [Fact]
    public async Task InfisicalBootstrap_ShouldNeverLogOrStoreASecret()
    {
        await using var app = VerboseApp();
        var secrets = new List<string>();
        var body = new { email = "boss@acme.test", password = Remember(secrets, "infisical-Admin-pass-8"), organization = "Acme Inc" };

        var response = await app.CreateClient().PostJsonAsync("/api/v1/admin/bootstrap", body);

        var identityToken = await SecretAsync(response, HttpStatusCode.OK, "identity", "credentials", "token");
        secrets.Add(identityToken);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetWithTokenAsync("/api/v2/orgs", identityToken, "Bearer")).StatusCode);
        AssertNeverLoggedOrStored(app, secrets);
    }

    /// <summary>The app with every log category at Trace for the captured logs (other providers keep the configured levels).</summary>
    private static BootstrapApiFactory VerboseApp() => new(services =>
        services.Configure<LoggerFilterOptions>(options => options.AddFilter<CapturedLogs>(null, LogLevel.Trace)));

    private static void AssertNeverLoggedOrStored(BootstrapApiFactory app, IReadOnlyList<string> secrets)
    {
        var logs = app.Logs.Entries;
        Assert.Contains(logs, entry => entry.Level == LogLevel.Trace);
        Assert.Contains(logs, entry => entry.Category == "Microsoft.EntityFrameworkCore.Database.Command" && entry.Message.Contains("INSERT INTO"));

        var database = app.ReadDatabaseBytes();
        foreach (var secret in secrets)
        {
            var leaks = logs.Where(entry => entry.Message.Contains(secret, StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Count == 0, $"'{secret}' was logged:\n{string.Join("\n", leaks.Select(l => $"[{l.Level} {l.Category}] {l.Message}"))}");
            Assert.True(database.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"'{secret}' is in the database file");
        }
    }

    /// <summary>The key file as handed out, and each base64 line of its private key's PEM body.</summary>
    private static MachineKeyFile MachineKeyFileSecrets(List<string> secrets, string keyFileBase64)
    {
        secrets.Add(keyFileBase64);
        var keyFile = MachineKeyFile.FromBase64(keyFileBase64);
        secrets.AddRange(keyFile.Key.Split('\n').Where(line => line.Length >= 32 && !line.StartsWith("-----", StringComparison.Ordinal)));
        return keyFile;
    }

    private static string Remember(List<string> secrets, string secret)
    {
        secrets.Add(secret);
        return secret;
    }

    private static async Task<string> SecretAsync(HttpResponseMessage response, HttpStatusCode expected, params string[] path)
    {
        Assert.Equal(expected, response.StatusCode);
        var body = await response.ReadJsonAsync();
        return path.Aggregate(body, (element, name) => element.GetProperty(name)).GetString()!;
    }

    private static string Basic(string userName, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}"));

    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bootstrap-session=", StringComparison.Ordinal)).Split(';')[0]["bootstrap-session=".Length..];

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, AuthenticationHeaderValue authorization)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = authorization;
        return client.SendAsync(request);
    }
}
