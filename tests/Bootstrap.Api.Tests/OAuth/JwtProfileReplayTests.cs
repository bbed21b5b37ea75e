using System.Net;
using Bootstrap.Api.OAuth;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Setup;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Tests.OAuth;

/// <summary>An assertion buys one access token, on either provider, however many replicas race for it.</summary>
public sealed class JwtProfileReplayTests
{
    private const string Issuer = "http://second.test";

    private static async Task<(BootstrapApiFactory App, MachineKeyFile Key)> SecondInstanceAsync(DatabaseProvider provider)
    {
        var app = await BootstrapApiFactory.OnAsync(provider, settings: new Dictionary<string, string?>
        {
            ["SystemApi:Token"] = BootstrapApiFactory.SystemToken,
            ["RateLimits:TokenPerMinute"] = "100000",
        });
        await app.CompleteFirstRunAsync();
        var created = await (await app.CreateClient().PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance("second.test"))).ReadJsonAsync();
        return (app, MachineKeyFile.FromBase64(created.GetProperty("machineKey").GetString()!));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ReplayedAssertionWithJti_ShouldBeRefusedAsInvalidGrant(DatabaseProvider provider)
    {
        var (app, key) = await SecondInstanceAsync(provider);
        await using var _ = app;
        var client = app.CreateClientFor("second.test");
        var assertion = ZitadelFixtures.SignAssertion(key, Issuer, jti: Guid.NewGuid().ToString());

        var first = await client.ExchangeAsync(assertion);
        var second = await client.ExchangeAsync(assertion);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertInvalidGrantAsync(second, "already been used");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task OtherAssertionWithTheSameJti_ShouldBeRefused(DatabaseProvider provider)
    {
        var (app, key) = await SecondInstanceAsync(provider);
        await using var _ = app;
        var client = app.CreateClientFor("second.test");
        var jti = Guid.NewGuid().ToString();

        var first = await client.ExchangeAsync(ZitadelFixtures.SignAssertion(key, Issuer, jti: jti));
        var second = await client.ExchangeAsync(ZitadelFixtures.SignAssertion(key, Issuer, DateTimeOffset.UtcNow.AddSeconds(-5), jti: jti));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertInvalidGrantAsync(second, "already been used");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AssertionWithoutJti_ShouldWorkOnceThenBeRefused(DatabaseProvider provider)
    {
        var (app, key) = await SecondInstanceAsync(provider);
        await using var _ = app;
        var client = app.CreateClientFor("second.test");
        var assertion = ZitadelFixtures.SignAssertion(key, Issuer);

        var first = await client.ExchangeAsync(assertion);
        var second = await client.ExchangeAsync(assertion);
        var fresh = await client.ExchangeAsync(ZitadelFixtures.SignAssertion(key, Issuer, lifetime: TimeSpan.FromMinutes(6)));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertInvalidGrantAsync(second, "already been used");
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AssertionWithReencodedSignature_ShouldNotBuyASecondToken(DatabaseProvider provider)
    {
        var (app, key) = await SecondInstanceAsync(provider);
        await using var _ = app;
        var client = app.CreateClientFor("second.test");
        var assertion = ZitadelFixtures.SignAssertion(key, Issuer);
        var variant = WithOtherPaddingBits(assertion);

        var first = await client.ExchangeAsync(assertion);
        var second = await client.ExchangeAsync(variant);

        Assert.NotEqual(assertion, variant);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertInvalidGrantAsync(second, "");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ConcurrentExchangesOfOneAssertion_ShouldYieldExactlyOneToken(DatabaseProvider provider)
    {
        var (app, key) = await SecondInstanceAsync(provider);
        await using var _ = app;
        var client = app.CreateClientFor("second.test");
        var assertion = ZitadelFixtures.SignAssertion(key, Issuer);
        var tokensBefore = await app.CountAsync<Bootstrap.Domain.Entities.ApiToken>();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.ExchangeAsync(assertion)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await AssertInvalidGrantAsync(refused, "already been used");
        }
        Assert.Equal(tokensBefore + 1, await app.CountAsync<Bootstrap.Domain.Entities.ApiToken>());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TwoReplicasExchangingOneAssertion_ShouldYieldExactlyOneToken(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = new Dictionary<string, string?> { ["SystemApi:Token"] = BootstrapApiFactory.SystemToken };
        await using var replicaA = new BootstrapApiFactory(settings: settings, database: database);
        await using var replicaB = new BootstrapApiFactory(settings: settings, database: database);
        await replicaA.CompleteFirstRunAsync();
        var created = await (await replicaA.CreateClient().PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance("second.test"))).ReadJsonAsync();
        var key = MachineKeyFile.FromBase64(created.GetProperty("machineKey").GetString()!);
        var assertion = ZitadelFixtures.SignAssertion(key, Issuer);
        var clientA = replicaA.CreateClientFor("second.test");
        var clientB = replicaB.CreateClientFor("second.test");
        await clientB.GetAsync("/health");

        var responses = await Task.WhenAll(clientA.ExchangeAsync(assertion), clientB.ExchangeAsync(assertion));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        await AssertInvalidGrantAsync(responses.Single(r => r.StatusCode != HttpStatusCode.OK), "already been used");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ExpiredUsedAssertions_ShouldBeForgottenByTheNextExchange(DatabaseProvider provider)
    {
        var (app, key) = await SecondInstanceAsync(provider);
        await using var _ = app;
        var client = app.CreateClientFor("second.test");
        Assert.Equal(HttpStatusCode.OK, (await client.ExchangeAsync(ZitadelFixtures.SignAssertion(key, Issuer, jti: "first"))).StatusCode);
        await app.QueryAsync(db => db.UsedAssertions.IgnoreQueryFilters().ExecuteUpdateAsync(
            setters => setters.SetProperty(a => a.RememberUntil, DateTime.UtcNow.AddMinutes(-1))));

        Assert.Equal(HttpStatusCode.OK, (await client.ExchangeAsync(ZitadelFixtures.SignAssertion(key, Issuer, jti: "second"))).StatusCode);

        var remembered = await app.QueryAsync(db => db.UsedAssertions.IgnoreQueryFilters().ToListAsync());
        Assert.True(Assert.Single(remembered).RememberUntil > DateTime.UtcNow);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AssertionNotYetValid_ShouldBeRefusedAndNotRemembered(DatabaseProvider provider)
    {
        var (app, key) = await SecondInstanceAsync(provider);
        await using var _ = app;
        var client = app.CreateClientFor("second.test");
        var notYet = ZitadelFixtures.SignAssertion(key, Issuer, lifetime: TimeSpan.FromMinutes(30), notBefore: DateTimeOffset.UtcNow.AddMinutes(10));
        var nowValid = ZitadelFixtures.SignAssertion(key, Issuer, DateTimeOffset.UtcNow.AddSeconds(-1), notBefore: DateTimeOffset.UtcNow.AddSeconds(-1));

        await AssertInvalidGrantAsync(await client.ExchangeAsync(notYet), "nbf");
        Assert.Equal(HttpStatusCode.OK, (await client.ExchangeAsync(nowValid)).StatusCode);
        Assert.Equal(1, await app.CountAsync<UsedAssertion>());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task MissingScope_ShouldAnswerInvalidRequestAndLeaveTheAssertionUsable(DatabaseProvider provider)
    {
        var (app, key) = await SecondInstanceAsync(provider);
        await using var _ = app;
        var client = app.CreateClientFor("second.test");
        var assertion = ZitadelFixtures.SignAssertion(key, Issuer);

        foreach (var scope in new[] { null, "", "   " })
        {
            var response = await client.ExchangeAsync(assertion, scope: scope);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = await response.ReadJsonAsync();
            Assert.Equal("invalid_request", body.GetProperty("error").GetString());
            Assert.Contains("scope", body.GetProperty("error_description").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await client.ExchangeAsync(assertion)).StatusCode);
    }

    /// <summary>
    /// The signature's last base64url character carries 4 padding bits (256 bytes = 341⅓ characters):
    /// flipping one changes the text but not the signature's bytes for a lenient decoder.
    /// </summary>
    private static string WithOtherPaddingBits(string assertion)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var last = alphabet.IndexOf(assertion[^1], StringComparison.Ordinal);
        return assertion[..^1] + alphabet[last ^ 0b0001];
    }

    private static async Task AssertInvalidGrantAsync(HttpResponseMessage response, string description)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.Contains(description, body.GetProperty("error_description").GetString());
    }
}
