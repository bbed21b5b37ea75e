using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Tests.Security;

public sealed class SetupClaimTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bootstrap-claim-").FullName;

    private string TokenPath => Path.Combine(_folder, "setup-token");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private BootstrapApiFactory App(string mode, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null, int claimFailures = 10) => new(
        services,
        new Dictionary<string, string?>
        {
            ["Setup:ClaimMode"] = mode,
            ["Setup:ClaimTokenPath"] = TokenPath,
            ["RateLimits:ClaimFailuresPerMinute"] = claimFailures.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    [Fact]
    public async Task ClaimToken_ShouldBeWrittenOwnerOnlyWithItsHashStoredAndLoggedOnlyByPath()
    {
        await using var app = App("Required");
        app.CreateClient();

        var token = (await File.ReadAllTextAsync(TokenPath)).Trim();
        Assert.Equal(43, token.Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(TokenPath));
        }
        var hash = await app.QueryAsync(db => db.Instances.Where(i => i.Id == Instance.FirstId).Select(i => i.ClaimTokenHash).SingleAsync());
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)), hash);
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains(TokenPath));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Message.Contains(token));
    }

    public static TheoryData<string, string> SetupDoors => new()
    {
        { "/api/v2/setup", "influx" },
        { "/api/v1/admin/bootstrap", "infisical" },
        { "/api/setup", "native" },
    };

    [Theory]
    [MemberData(nameof(SetupDoors))]
    public async Task MissingOrWrongToken_ShouldAnswer401InTheFamilyFormatAndBeAudited(string path, string family)
    {
        await using var app = App("Required");
        var client = app.CreateClient();

        foreach (var token in new[] { null, "wrong-token" })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(BodyFor(family)) };
            if (token is not null)
            {
                request.Headers.Add("X-Setup-Token", token);
            }
            var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var body = await response.ReadJsonAsync();
            switch (family)
            {
                case "influx":
                    Assert.Equal("unauthorized", body.GetProperty("code").GetString());
                    break;
                case "infisical":
                    Assert.Equal(401, body.GetProperty("statusCode").GetInt32());
                    break;
                default:
                    Assert.Equal(401, body.GetProperty("status").GetInt32());
                    break;
            }
        }

        Assert.Equal(0, await app.CountAsync<User>());
        var audit = await app.QueryAsync(db => db.AuditEvents.Where(a => a.Action == "setup.claim.failed").ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.False(a.Succeeded));
    }

    [Theory]
    [MemberData(nameof(SetupDoors))]
    public async Task XSetupToken_ShouldOpenEveryDoorAndDieWithTheFirstRun(string path, string family)
    {
        await using var app = App("Required");
        var client = app.CreateClient();
        var token = (await File.ReadAllTextAsync(TokenPath)).Trim();

        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(BodyFor(family)) };
        request.Headers.Add("X-Setup-Token", token);
        var response = await client.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.False(File.Exists(TokenPath));
        Assert.Null(await app.QueryAsync(db => db.Instances.Where(i => i.Id == Instance.FirstId).Select(i => i.ClaimTokenHash).SingleAsync()));
    }

    [Fact]
    public async Task InfluxClients_ShouldBeAbleToSendTheClaimTokenAsAuthorizationToken()
    {
        await using var app = App("Required");
        var client = app.CreateClient();
        var token = (await File.ReadAllTextAsync(TokenPath)).Trim();

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/setup") { Content = JsonContent.Create(Requests.InfluxOnboarding()) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", token);

        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task LoopbackExempt_ShouldRequireTheTokenFromRemotePeersAndForwardedRequests()
    {
        await using var remote = App("LoopbackExempt", RemotePeerStartupFilter.Install());
        var remoteClient = remote.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await remoteClient.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding())).StatusCode);

        await using var local = App("LoopbackExempt", RemotePeerStartupFilter.Install(IPAddress.Loopback));
        var forwarded = new HttpRequestMessage(HttpMethod.Post, "/api/v2/setup") { Content = JsonContent.Create(Requests.InfluxOnboarding()) };
        forwarded.Headers.Add("X-Forwarded-For", "198.51.100.7");
        var localClient = local.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await localClient.SendAsync(forwarded)).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await localClient.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding())).StatusCode);
    }

    [Fact]
    public async Task RemotePeerWithTheToken_ShouldSucceedInLoopbackExemptMode()
    {
        await using var app = App("LoopbackExempt", RemotePeerStartupFilter.Install());
        var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/setup") { Content = JsonContent.Create(Requests.NativeSetup()) };
        request.Headers.Add("X-Setup-Token", (await File.ReadAllTextAsync(TokenPath)).Trim());

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var audit = await app.QueryAsync(db => db.AuditEvents.SingleAsync(a => a.Action == "setup.completed"));
        Assert.Equal(RemotePeerStartupFilter.Remote.ToString(), audit.RemoteAddress);
    }

    [Fact]
    public async Task RepeatedWrongTokens_ShouldBeRateLimitedWithRetryAfter()
    {
        await using var app = App("Required", claimFailures: 3);
        var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/setup") { Content = JsonContent.Create(Requests.InfluxOnboarding()) };
            request.Headers.Add("X-Setup-Token", "guess-" + i);
            last = await client.SendAsync(request);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(last!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("too many requests", (await last.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Disabled_ShouldWriteNoTokenAndLetRemotePeersSetUp()
    {
        await using var app = App("Disabled", RemotePeerStartupFilter.Install());

        var response = await app.CreateClient().PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(File.Exists(TokenPath));
    }

    [Fact]
    public async Task Restart_ShouldKeepAClaimTokenThatStillMatches()
    {
        var databasePath = BootstrapApiFactory.NewDatabasePath();
        var settings = new Dictionary<string, string?> { ["Setup:ClaimMode"] = "Required", ["Setup:ClaimTokenPath"] = TokenPath };
        try
        {
            string first;
            await using (var app = new BootstrapApiFactory(settings: settings, databasePath: databasePath))
            {
                app.CreateClient();
                first = await File.ReadAllTextAsync(TokenPath);
            }
            await using (var restarted = new BootstrapApiFactory(settings: settings, databasePath: databasePath))
            {
                restarted.CreateClient();
                Assert.Equal(first, await File.ReadAllTextAsync(TokenPath));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(databasePath);
        }
    }

    private static object BodyFor(string family) => family switch
    {
        "influx" => Requests.InfluxOnboarding(),
        "infisical" => new { email = "boss@acme.test", password = Requests.Password, organization = "Acme" },
        _ => Requests.NativeSetup(),
    };
}
