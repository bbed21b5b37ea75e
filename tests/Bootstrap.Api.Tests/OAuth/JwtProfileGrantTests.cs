using System.Net;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Setup;

namespace Bootstrap.Api.Tests.OAuth;

public sealed class JwtProfileGrantTests
{
    private const string Issuer = "http://second.test";

    private static async Task<(BootstrapApiFactory App, MachineKeyFile Key)> SecondInstanceAsync()
    {
        var app = new BootstrapApiFactory();
        await app.CompleteFirstRunAsync();
        var created = await (await app.CreateClient().PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance("second.test"))).ReadJsonAsync();
        return (app, MachineKeyFile.FromBase64(created.GetProperty("machineKey").GetString()!));
    }

    [Fact]
    public async Task SignedAssertion_ShouldYieldAnAccessTokenThatAuthenticates()
    {
        var (app, key) = await SecondInstanceAsync();
        await using var _ = app;
        var client = app.CreateClientFor("second.test");

        var response = await client.ExchangeAsync(ZitadelFixtures.SignAssertion(key, Issuer));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var body = await response.ReadJsonAsync();
        Assert.Equal(["access_token", "token_type", "expires_in", "id_token"], body.PropertyNames());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());

        var accessToken = body.GetProperty("access_token").GetString()!;
        var me = await client.GetWithTokenAsync("/api/v2/me", accessToken, scheme: "Bearer");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("robot", (await me.ReadJsonAsync()).GetProperty("name").GetString());
    }

    public static TheoryData<string> Tampering => ["forged", "expired", "wrong audience", "unknown key", "old iat", "wrong subject", "not a jwt"];

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task BadAssertion_ShouldAnswer400InvalidGrant(string tampering)
    {
        var (app, key) = await SecondInstanceAsync();
        await using var _ = app;
        var assertion = tampering switch
        {
            "forged" => ZitadelFixtures.SignAssertion(key with { Key = MachineKeyMaterialFactory.OtherPrivateKey() }, Issuer),
            "expired" => ZitadelFixtures.SignAssertion(key, Issuer, DateTimeOffset.UtcNow.AddMinutes(-30), TimeSpan.FromMinutes(5)),
            "wrong audience" => ZitadelFixtures.SignAssertion(key, "http://elsewhere.test"),
            "unknown key" => ZitadelFixtures.SignAssertion(key, Issuer, kid: "123456789"),
            "old iat" => ZitadelFixtures.SignAssertion(key, Issuer, DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromHours(3)),
            "wrong subject" => ZitadelFixtures.SignAssertion(key, Issuer, subject: "42"),
            _ => "not-a-jwt",
        };

        var response = await app.CreateClientFor("second.test").ExchangeAsync(assertion);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error_description").GetString()));
    }

    [Fact]
    public async Task OtherGrantType_ShouldAnswerUnsupportedGrantType()
    {
        var (app, key) = await SecondInstanceAsync();
        await using var _ = app;

        var response = await app.CreateClientFor("second.test").ExchangeAsync(ZitadelFixtures.SignAssertion(key, Issuer), grantType: "password");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_grant_type", (await response.ReadJsonAsync()).GetProperty("error").GetString());
    }

    private static class MachineKeyMaterialFactory
    {
        public static string OtherPrivateKey() => Bootstrap.Domain.Security.MachineKeyMaterial.Generate().PrivateKeyPem;
    }
}
