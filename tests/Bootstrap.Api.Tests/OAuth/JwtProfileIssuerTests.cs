using System.Net;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Setup;

namespace Bootstrap.Api.Tests.OAuth;

/// <summary>With <c>PublicUrl</c> set, the audience an assertion must name comes from it, never from the client's <c>Host</c> alone.</summary>
public sealed class JwtProfileIssuerTests
{
    private static Task<BootstrapApiFactory> AppAsync(DatabaseProvider provider, string publicUrl) =>
        BootstrapApiFactory.OnAsync(provider, settings: new Dictionary<string, string?>
        {
            ["SystemApi:Token"] = BootstrapApiFactory.SystemToken,
            ["PublicUrl"] = publicUrl,
        });

    [Theory, OnSqlite, OnPostgres]
    public async Task DefaultInstance_ShouldAcceptPublicUrlAsAudienceAndRefuseTheSpoofedHostsOrigin(DatabaseProvider provider)
    {
        await using var app = await AppAsync(provider, "https://bootstrap.example.com");
        var setup = await (await app.CreateClient().PostJsonAsync("/api/setup", Requests.NativeSetup())).ReadJsonAsync();
        var key = MachineKeyFile.FromBase64(setup.GetProperty("machine").GetProperty("machineKey").GetString()!);
        var spoofing = app.CreateClientFor("attacker.example");

        var spoofed = await spoofing.ExchangeAsync(ZitadelFixtures.SignAssertion(key, "http://attacker.example"));
        var genuine = await spoofing.ExchangeAsync(ZitadelFixtures.SignAssertion(key, "https://bootstrap.example.com"));

        Assert.Equal(HttpStatusCode.BadRequest, spoofed.StatusCode);
        var error = await spoofed.ReadJsonAsync();
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
        Assert.Contains("https://bootstrap.example.com", error.GetProperty("error_description").GetString());
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CustomDomainInstance_ShouldHaveThePublicUrlsSchemeAndPortWithItsOwnHost(DatabaseProvider provider)
    {
        await using var app = await AppAsync(provider, "https://bootstrap.example.com:8443/");
        await app.CompleteFirstRunAsync();
        var created = await (await app.CreateClient().PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance("second.test"))).ReadJsonAsync();
        var key = MachineKeyFile.FromBase64(created.GetProperty("machineKey").GetString()!);
        var client = app.CreateClientFor("second.test");

        var requestOrigin = await client.ExchangeAsync(ZitadelFixtures.SignAssertion(key, "http://second.test"));
        var defaultInstance = await client.ExchangeAsync(ZitadelFixtures.SignAssertion(key, "https://bootstrap.example.com:8443"));
        var ownIssuer = await client.ExchangeAsync(ZitadelFixtures.SignAssertion(key, "https://second.test:8443"));

        Assert.Equal(HttpStatusCode.BadRequest, requestOrigin.StatusCode);
        Assert.Contains("https://second.test:8443", (await requestOrigin.ReadJsonAsync()).GetProperty("error_description").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, defaultInstance.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownIssuer.StatusCode);
    }
}
