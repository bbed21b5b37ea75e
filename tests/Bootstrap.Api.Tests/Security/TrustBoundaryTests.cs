using System.Net;
using System.Net.Http.Json;
using Bootstrap.Api.Security.Callers;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Bootstrap.Web.Setup;
using Bootstrap.Web.Shared;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.Tests.Security;

/// <summary>Who is believed about what: the socket peer, a listed proxy, the wizard's signed relay — and no header from anyone else.</summary>
public sealed class TrustBoundaryTests : IDisposable
{
    private static readonly IPAddress Attacker = RemotePeerStartupFilter.Remote;
    private static readonly IPAddress Proxy = IPAddress.Parse("192.0.2.10");

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string TokenPath => _folder.File("setup-token");

    private string ClaimToken => File.ReadAllText(TokenPath).Trim();

    private BootstrapApiFactory App(IPAddress? peer, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null,
        DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        services ??= peer is null ? null : RemotePeerStartupFilter.Install(peer);
        var all = new Dictionary<string, string?>
        {
            ["Setup:ClaimMode"] = "LoopbackExempt",
            ["Setup:ClaimTokenPath"] = TokenPath,
            ["RateLimits:ClaimFailuresPerMinute"] = "3",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }
        return provider == DatabaseProvider.Sqlite
            ? new BootstrapApiFactory(services, all)
            : BootstrapApiFactory.OnAsync(provider, services, all).GetAwaiter().GetResult();
    }

    private static HttpRequestMessage Setup(params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/setup") { Content = JsonContent.Create(Requests.NativeSetup(withMachine: false)) };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    private static Task<AuditEvent> CompletedAudit(BootstrapApiFactory app) =>
        app.QueryAsync(db => db.AuditEvents.IgnoreQueryFilters().SingleAsync(a => a.Action == "setup.completed"));

    [Fact]
    public async Task SetupPage_ShouldAskARemoteBrowserForTheClaimCode_WhateverForwardingHeadersItSends()
    {
        await using var app = App(Attacker, new() { ["Api:BaseUrl"] = "http://localhost/" }, services =>
        {
            RemotePeerStartupFilter.Install(Attacker)(services);
            // The wizard's API client reaches this in-memory server as it would reach Kestrel.
            services.AddHttpClient<SetupApiClient>().ConfigurePrimaryHttpMessageHandler(provider =>
                ((TestServer)provider.GetRequiredService<IServer>()).CreateHandler());
        });
        var request = new HttpRequestMessage(HttpMethod.Get, "/setup");
        request.Headers.Add("X-Forwarded-For", "127.0.0.1");
        request.Headers.Add("X-Real-IP", "127.0.0.1");

        var page = await (await app.CreateClient().SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"claim-code\"", page);
        Assert.DoesNotContain("data-testid=\"organization\"", page);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "127.0.0.1")]
    [InlineData("Forwarded", "for=127.0.0.1")]
    [InlineData("X-Real-IP", "127.0.0.1")]
    public async Task ForwardingHeader_FromAnUnlistedRemotePeer_ShouldNotEarnTheLoopbackExemption(string header, string value)
    {
        await using var app = App(Attacker);

        var response = await app.CreateClient().SendAsync(Setup((header, value)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await app.CountAsync<Organization>());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ForwardedFor_FromAnUnlistedPeer_ShouldNotChangeTheAuditedAddress(DatabaseProvider provider)
    {
        await using var app = App(Attacker, provider: provider);
        var client = app.CreateClient();

        var response = await client.SendAsync(Setup(("X-Forwarded-For", "198.51.100.77"), ("X-Setup-Token", ClaimToken)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(Attacker.ToString(), (await CompletedAudit(app)).RemoteAddress);
    }

    [Fact]
    public async Task ForwardedFor_ShouldNotRotateAnAttackerPastTheClaimFailureLimit()
    {
        await using var app = App(Attacker);
        var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var response = await client.SendAsync(Setup(("X-Forwarded-For", $"198.51.100.{attempt + 1}"), ("X-Setup-Token", "wrong")));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task ForwardedProtoAndHost_FromAnUnlistedPeer_ShouldChangeNeitherSchemeNorHost()
    {
        await using var app = App(Attacker, new() { ["Setup:ClaimMode"] = "Disabled" });
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/setup");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "unknown-instance.example");

        var response = await app.CreateClient().SendAsync(request);

        // HSTS is sent only over HTTPS, and an unknown host would not reach the default instance.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task ChannelHeader_FromOutside_ShouldNotChangeTheAuditedChannel()
    {
        await using var app = App(peer: null);

        var response = await app.CreateClient().SendAsync(Setup(("X-Bootstrap-Channel", "wizard")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(SetupChannel.Api, (await CompletedAudit(app)).Channel);
    }

    [Fact]
    public async Task ForgedRelay_ShouldBeIgnored_AndNeverReachTheApplication()
    {
        await using var app = App(Attacker);
        var otherProcess = new WizardRelay(TimeProvider.System).Sign(IPAddress.Loopback, browserIsDirectLoopback: true);

        var forged = await app.CreateClient().SendAsync(Setup((WizardRelay.HeaderName, otherProcess)));
        var garbage = await app.CreateClient().SendAsync(Setup((WizardRelay.HeaderName, "v1~127.0.0.1~1~0~AAAA")));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        Assert.All(await app.QueryAsync(db => db.AuditEvents.IgnoreQueryFilters().ToListAsync()), audit =>
        {
            Assert.Equal(Attacker.ToString(), audit.RemoteAddress);
            Assert.Equal(SetupChannel.Api, audit.Channel);
        });
    }

    [Fact]
    public void Relay_ShouldExpireAfterAMinute()
    {
        var clock = new SettableClock(DateTimeOffset.Parse("2026-11-30T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var relay = new WizardRelay(clock);
        var header = relay.Sign(IPAddress.Parse("203.0.113.5"), browserIsDirectLoopback: false);

        clock.Now = clock.Now.AddSeconds(59);
        Assert.True(relay.TryRead(WithRelay(header), out var browser));
        Assert.Equal(new Caller(IPAddress.Parse("203.0.113.5"), false, SetupChannel.Wizard), browser);
        clock.Now = clock.Now.AddSeconds(2);
        Assert.False(relay.TryRead(WithRelay(header), out _));

        static DefaultHttpContext WithRelay(string value)
        {
            var context = new DefaultHttpContext();
            context.Request.Headers[WizardRelay.HeaderName] = value;
            return context;
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task WizardCall_ShouldBeAttributedToTheRemoteBrowser_ForTheClaimRuleTheLimitsAndTheAudit(DatabaseProvider provider)
    {
        // The wizard's HTTP calls come from this process over loopback, where no claim token would be asked.
        await using var app = App(peer: null, provider: provider);
        SetupApiClient Wizard() => new(app.CreateClient(), app.Services.GetRequiredService<WizardRelay>());
        var attacker = new ClientConnection { RemoteAddress = "203.0.113.66", NeedsClaimToken = true };
        var operatorBrowser = new ClientConnection { RemoteAddress = "198.51.100.20", NeedsClaimToken = true };

        var withoutToken = await Wizard().CompleteAsync(Requests.NativeSetupRequest(), claimToken: null, attacker);
        var attempts = new List<SetupOutcome>();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            attempts.Add(await Wizard().CompleteAsync(Requests.NativeSetupRequest(), $"wrong-{attempt}", attacker));
        }
        var operatorSetup = await Wizard().CompleteAsync(Requests.NativeSetupRequest(), ClaimToken, operatorBrowser);

        Assert.IsType<SetupOutcome.ClaimRejected>(withoutToken);
        Assert.IsType<SetupOutcome.Failed>(attempts[^1]);
        Assert.Contains("too many", ((SetupOutcome.Failed)attempts[^1]).Message, StringComparison.OrdinalIgnoreCase);
        Assert.IsType<SetupOutcome.Created>(operatorSetup);
        var audit = await CompletedAudit(app);
        Assert.Equal("198.51.100.20", audit.RemoteAddress);
        Assert.Equal(SetupChannel.Wizard, audit.Channel);
        var failures = await app.QueryAsync(db => db.AuditEvents.IgnoreQueryFilters().Where(a => a.Action == "setup.claim.failed").ToListAsync());
        Assert.NotEmpty(failures);
        Assert.All(failures, failure => Assert.Equal("203.0.113.66", failure.RemoteAddress));
    }

    [Fact]
    public async Task ListedProxy_ShouldBeBelievedAboutTheClient_AndTheExemptionShouldThenRequireTheToken()
    {
        await using var app = App(Proxy, new() { ["ForwardedHeaders:KnownProxies:0"] = Proxy.ToString() });
        var client = app.CreateClient();

        var local = await client.SendAsync(Setup(("X-Forwarded-For", "127.0.0.1")));
        var claimed = await client.SendAsync(Setup(("X-Forwarded-For", "198.51.100.5, 198.51.100.30"), ("X-Setup-Token", ClaimToken)));

        Assert.Equal(HttpStatusCode.Unauthorized, local.StatusCode);
        Assert.Equal(HttpStatusCode.Created, claimed.StatusCode);
        // Only the hop the listed proxy vouches for: the address before it is the client's own claim.
        Assert.Equal("198.51.100.30", (await CompletedAudit(app)).RemoteAddress);
    }

    [Fact]
    public async Task ListedNetwork_ShouldBeBelievedAboutTheClient()
    {
        await using var app = App(Proxy, new() { ["ForwardedHeaders:KnownNetworks:0"] = "192.0.2.0/24" });

        var response = await app.CreateClient().SendAsync(Setup(("X-Forwarded-For", "198.51.100.9"), ("X-Setup-Token", ClaimToken)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("198.51.100.9", (await CompletedAudit(app)).RemoteAddress);
    }

    [Theory]
    [InlineData("false", HttpStatusCode.Unauthorized)]
    [InlineData("true", HttpStatusCode.Created)]
    public async Task ConfiguredProxy_ShouldMakeLoopbackExemptRequireTheToken_UnlessTheOperatorKeepsTheExemption(string keep, HttpStatusCode expected)
    {
        await using var app = App(peer: null, new()
        {
            ["ForwardedHeaders:KnownProxies:0"] = Proxy.ToString(),
            ["Setup:LoopbackExemptWhenExposed"] = keep,
        });

        var response = await app.CreateClient().SendAsync(Setup());

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task ForwardedHeadersOptions_WithNoProxyListed_ShouldForwardNothingEvenIfTheFrameworkMiddlewareRan()
    {
        await using var app = App(peer: null);

        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>>().Value;

        Assert.Equal(Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.None, options.ForwardedHeaders);
    }

    [Theory]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://+:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("https://bootstrap.example.com:443", false)]
    [InlineData("http://192.0.2.2:5080", false)]
    [InlineData("http://unix:/run/bootstrap.sock", false)]
    public void Binding_ShouldCountAsLoopbackOnlyWhenOnlyThisMachineCanReachIt(string address, bool loopback) =>
        Assert.Equal(loopback, ClaimExemption.IsLoopbackBinding(address));

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
