using System.Net;
using Bootstrap.Api.Tests.Infrastructure;

namespace Bootstrap.Api.Tests.Security;

/// <summary>Responses that carry secrets (and, simplest, every API response) must not be kept by a browser or proxy cache.</summary>
public sealed class ResponseCachingTests
{
    [Fact]
    public async Task SecretBearingResponses_ShouldSayNoStore()
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();

        var native = await client.PostJsonAsync("/api/setup", Requests.NativeSetup());
        AssertNoStore(native, HttpStatusCode.Created);
        var operatorToken = (await native.ReadJsonAsync()).GetProperty("operatorToken").GetString()!;

        var setupUser = await client.WithToken("Token", operatorToken).PostJsonAsync("/api/v2/setup/user", new
        {
            username = "second", password = Requests.Password, org = "second-org", bucket = "second-bucket",
        });
        AssertNoStore(setupUser, HttpStatusCode.Created);
        AssertNoStore(await app.CreateClient().GetWithTokenAsync("/api/v2/authorizations", operatorToken), HttpStatusCode.OK);

        var created = await app.CreateClient().PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance("second.test"));
        AssertNoStore(created, HttpStatusCode.OK);
        var pat = (await created.ReadJsonAsync()).GetProperty("pat").GetString()!;
        AssertNoStore(await app.CreateClient().PostSystemAsync("/system/v1/instances", new
        {
            instanceName = "Third", customDomain = "third.test", ownerUserName = "third-owner",
            ownerEmail = new { email = "owner@third.test" }, ownerProfile = new { firstName = "Tia", lastName = "Third" },
            ownerPassword = new { password = ZitadelFixtures.StrongPassword },
        }), HttpStatusCode.OK);
        AssertNoStore(await app.CreateClientFor("second.test").PostBearerAsync("/admin/v1/orgs/_setup", new
        {
            org = new { name = "Team" },
            human = new
            {
                userName = "gigi", profile = new { firstName = "Gigi", lastName = "Giraffe" },
                email = new { email = "gigi@team.test" }, password = ZitadelFixtures.StrongPassword,
            },
        }, pat), HttpStatusCode.OK);
        // The token endpoint's success is covered by JwtProfileGrantTests; its refusals are API answers too.
        AssertNoStore(await app.CreateClientFor("second.test").ExchangeAsync("not-a-jwt"), HttpStatusCode.BadRequest);
        AssertNoStore(await app.CreateClient().GetAsync("/api/v2/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task InfluxOnboarding_ShouldSayNoStore()
    {
        await using var app = new BootstrapApiFactory();

        AssertNoStore(await app.CreateClient().PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding()), HttpStatusCode.Created);
    }

    [Fact]
    public async Task InfisicalBootstrap_ShouldSayNoStore()
    {
        await using var app = new BootstrapApiFactory();

        AssertNoStore(await app.CreateClient().PostJsonAsync("/api/v1/admin/bootstrap", new
        {
            email = "boss@acme.test", password = Requests.Password, organization = "Acme Inc",
        }), HttpStatusCode.OK);
    }

    private static void AssertNoStore(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{response.RequestMessage!.RequestUri}: Cache-Control {response.Headers.CacheControl}");
        Assert.Equal("no-cache", response.Headers.Pragma.ToString());
    }
}
