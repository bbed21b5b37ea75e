using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Tests.Influx;

/// <summary>
/// A remote, unmodified <c>influx setup --token "$(cat data/setup-token)"</c>: the Go CLI cannot send
/// X-Setup-Token, so the claim token it sends as the body's <c>token</c> opens the claim gate.
/// </summary>
public sealed class InfluxCliSetupTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string TokenPath => _folder.File("setup-token");

    private Task<BootstrapApiFactory> RemoteAppAsync(DatabaseProvider provider, int claimFailures = 10) => BootstrapApiFactory.OnAsync(
        provider,
        RemotePeerStartupFilter.Install(),
        new Dictionary<string, string?>
        {
            ["Setup:ClaimMode"] = "LoopbackExempt",
            ["Setup:ClaimTokenPath"] = TokenPath,
            ["RateLimits:ClaimFailuresPerMinute"] = claimFailures.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    /// <summary>
    /// The request <c>influx setup --host … --token T --username … --password … --org … --bucket … --retention 168h --force</c>
    /// sends (influx-cli v2.7): cmd/influx/setup.go builds the client with getAPINoToken (no Authorization
    /// header); clients/setup/setup.go puts --token into OnboardingRequest.Token; api/api_setup.gen.go posts it
    /// with Content-Type and Accept application/json; api/client.gen.go adds the User-Agent and encodes the
    /// body with json.Encoder (a trailing newline); OnboardingRequest.MarshalJSON marshals a Go map, so the
    /// keys come out sorted.
    /// </summary>
    private static HttpRequestMessage InfluxCliSetup(string token)
    {
        var body = $$"""{"bucket":"telemetry","org":"acme","password":"correct-horse-9","retentionPeriodSeconds":604800,"token":"{{token}}","username":"admin"}""" + "\n";
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/setup") { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", "influx/2.7.5 (linux) Sha/a79a2a1b82 Date/2024-04-16T14:33:22Z");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        return request;
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task RemoteInfluxCliSetup_ShouldPassTheClaimGateWithTheClaimTokenWhichBecomesTheOperatorToken(DatabaseProvider provider)
    {
        await using var app = await RemoteAppAsync(provider);
        var client = app.CreateClient();
        var claim = (await File.ReadAllTextAsync(TokenPath)).Trim();
        Assert.True((await (await client.GetAsync("/api/v2/setup")).ReadJsonAsync()).GetProperty("allowed").GetBoolean());

        var response = await client.SendAsync(InfluxCliSetup(claim));

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var auth = (await response.ReadJsonAsync()).GetProperty("auth");
        Assert.Equal(claim, auth.GetProperty("token").GetString());
        Assert.False(File.Exists(TokenPath));
        Assert.Null(await app.QueryAsync(db => db.Instances.Where(i => i.Id == Instance.FirstId).Select(i => i.ClaimTokenHash).SingleAsync()));
        var me = await client.GetWithTokenAsync("/api/v2/me", claim);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("admin", (await me.ReadJsonAsync()).GetProperty("name").GetString());
        var completed = await app.QueryAsync(db => db.AuditEvents.SingleAsync(a => a.Action == "setup.completed"));
        Assert.Equal(RemotePeerStartupFilter.Remote.ToString(), completed.RemoteAddress);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task RemoteCurlWithTheClaimAsAuthorizationToken_ShouldSetUpWithAGeneratedOperatorToken(DatabaseProvider provider)
    {
        await using var app = await RemoteAppAsync(provider);
        var client = app.CreateClient();
        var claim = (await File.ReadAllTextAsync(TokenPath)).Trim();
        // curl -H "Authorization: Token $(cat data/setup-token)" -d '{…}': the JSON declared as a form.
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/setup")
        {
            Content = new StringContent(
                """{"username":"admin","password":"correct-horse-9","org":"acme","bucket":"telemetry","retentionPeriodSeconds":604800}""",
                Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", claim);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var token = (await response.ReadJsonAsync()).GetProperty("auth").GetProperty("token").GetString();
        Assert.NotEqual(claim, token);
        Assert.False(File.Exists(TokenPath));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task RemoteInfluxCliSetupWithAnotherToken_ShouldAnswer401AuditedAndCreateNothing(DatabaseProvider provider)
    {
        await using var app = await RemoteAppAsync(provider);
        var client = app.CreateClient();

        foreach (var request in new[] { InfluxCliSetup("an-operator-token-of-their-own-choice"), InfluxCliSetup("") })
        {
            var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var error = await response.ReadJsonAsync();
            Assert.Equal("unauthorized", error.GetProperty("code").GetString());
            Assert.Contains("body's token", error.GetProperty("message").GetString());
        }
        Assert.Equal(0, await app.CountAsync<User>());
        Assert.Equal(0, await app.CountAsync<ApiToken>());
        Assert.Equal(2, await app.QueryAsync(db => db.AuditEvents.CountAsync(a => a.Action == "setup.claim.failed" && !a.Succeeded)));
        Assert.True(File.Exists(TokenPath));
    }

    [Fact]
    public async Task RepeatedWrongBodyTokens_ShouldBeRateLimitedLikeEveryClaimFailure()
    {
        await using var app = await RemoteAppAsync(DatabaseProvider.Sqlite, claimFailures: 2);
        var client = app.CreateClient();
        var claim = (await File.ReadAllTextAsync(TokenPath)).Trim();

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            statuses.Add((await client.SendAsync(InfluxCliSetup($"guessed-token-number-{attempt}"))).StatusCode);
        }
        var rightButTooLate = await client.SendAsync(InfluxCliSetup(claim));

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.Created, rightButTooLate.StatusCode);
    }
}
