using System.Net;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Setup;

namespace Bootstrap.Api.Tests.Zitadel;

/// <summary>Each credential works on its own instance and nowhere else.</summary>
public sealed class InstanceIsolationTests
{
    [Fact]
    public async Task Credentials_ShouldAuthenticateOnlyOnTheirOwnInstance()
    {
        await using var app = new BootstrapApiFactory();
        var first = app.CreateClient();
        var second = app.CreateClientFor("second.test");

        var infisical = await (await first.PostJsonAsync("/api/v1/admin/bootstrap",
            new { email = "boss@first.test", password = Requests.Password, organization = "First" })).ReadJsonAsync();
        var identityToken = infisical.GetProperty("identity").GetProperty("credentials").GetProperty("token").GetString()!;

        var created = await (await first.PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance("second.test"))).ReadJsonAsync();
        var pat = created.GetProperty("pat").GetString()!;
        var key = MachineKeyFile.FromBase64(created.GetProperty("machineKey").GetString()!);
        var exchanged = await (await second.ExchangeAsync(ZitadelFixtures.SignAssertion(key, "http://second.test"))).ReadJsonAsync();
        var accessToken = exchanged.GetProperty("access_token").GetString()!;

        foreach (var token in new[] { pat, accessToken })
        {
            var own = await second.GetWithTokenAsync("/api/v2/orgs", token, scheme: "Bearer");
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Equal("Second", Assert.Single((await own.ReadJsonAsync()).GetProperty("orgs").EnumerateArray()).GetProperty("name").GetString());
            Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetWithTokenAsync("/api/v2/orgs", token, scheme: "Bearer")).StatusCode);
        }

        var identityOwn = await first.GetWithTokenAsync("/api/v2/orgs", identityToken, scheme: "Bearer");
        Assert.Equal("First", Assert.Single((await identityOwn.ReadJsonAsync()).GetProperty("orgs").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetWithTokenAsync("/api/v2/orgs", identityToken, scheme: "Bearer")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetWithTokenAsync("/api/v2/buckets", identityToken)).StatusCode);
    }

    [Fact]
    public async Task UnknownHost_ShouldBeServedByTheFirstInstance()
    {
        await using var app = new BootstrapApiFactory();
        var setup = await (await app.CreateClient().PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding())).ReadJsonAsync();
        var token = setup.GetProperty("auth").GetProperty("token").GetString()!;

        var response = await app.CreateClientFor("anything.example").GetWithTokenAsync("/api/v2/me", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
