using System.Net;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using static Bootstrap.Api.Tests.Infrastructure.JsonShape;

namespace Bootstrap.Api.Tests.Zitadel;

public sealed class SetUpOrgTests
{
    private static object Body(string org = "Team", string user = "gigi-giraffe", string[]? roles = null) => new
    {
        org = new { name = org, domain = "team.test" },
        human = new
        {
            userName = user,
            profile = new { firstName = "Gigi", lastName = "Giraffe", preferredLanguage = "en" },
            email = new { email = "gigi@team.test", isEmailVerified = true },
            password = ZitadelFixtures.StrongPassword,
        },
        roles,
    };

    private static async Task<(BootstrapApiFactory App, HttpClient Client, string Pat)> SecondInstanceAsync()
    {
        var app = new BootstrapApiFactory();
        await app.CompleteFirstRunAsync();
        var created = await (await app.CreateClient().PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance("second.test"))).ReadJsonAsync();
        return (app, app.CreateClientFor("second.test"), created.GetProperty("pat").GetString()!);
    }

    [Fact]
    public async Task SetUpOrg_ShouldCreateOrgAndOwnerInTheCallersInstance()
    {
        var (app, client, pat) = await SecondInstanceAsync();
        await using var _ = app;

        var response = await client.PostBearerAsync("/admin/v1/orgs/_setup", Body(), pat);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        AssertObject(body, new Dictionary<string, string> { ["details"] = Nested, ["orgId"] = DecimalId, ["userId"] = DecimalId });
        Assert.Equal(body.GetProperty("orgId").GetString(), body.GetProperty("details").GetProperty("resourceOwner").GetString());
        var orgNumber = long.Parse(body.GetProperty("orgId").GetString()!);
        var org = await app.QueryAsync(db => db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Number == orgNumber));
        var instance = await app.QueryAsync(db => db.Instances.SingleAsync(i => i.CustomDomain == "second.test"));
        Assert.Equal(instance.Id, org.InstanceId);
        var membership = await app.QueryAsync(db => db.Memberships.IgnoreQueryFilters().SingleAsync(m => m.OrganizationId == org.Id));
        Assert.Equal([Roles.OrgOwner], membership.Roles);
    }

    [Fact]
    public async Task SetUpOrg_ShouldHonourExplicitRoles()
    {
        var (app, client, pat) = await SecondInstanceAsync();
        await using var _ = app;

        var body = await (await client.PostBearerAsync("/admin/v1/orgs/_setup", Body(roles: ["ORG_USER_MANAGER", "ORG_OWNER_VIEWER"]), pat)).ReadJsonAsync();

        var userNumber = long.Parse(body.GetProperty("userId").GetString()!);
        var roles = await app.QueryAsync(db => db.Memberships.IgnoreQueryFilters()
            .Where(m => db.Users.IgnoreQueryFilters().Any(u => u.Id == m.UserId && u.Number == userNumber)).Select(m => m.Roles).SingleAsync());
        Assert.Equal(["ORG_USER_MANAGER", "ORG_OWNER_VIEWER"], roles);
    }

    [Theory]
    [InlineData("Team", "someone-else")]
    [InlineData("Another Team", "gigi-giraffe")]
    public async Task DuplicateOrgOrUserName_ShouldAnswer409(string org, string user)
    {
        var (app, client, pat) = await SecondInstanceAsync();
        await using var _ = app;
        Assert.Equal(HttpStatusCode.OK, (await client.PostBearerAsync("/admin/v1/orgs/_setup", Body(), pat)).StatusCode);

        var again = await client.PostBearerAsync("/admin/v1/orgs/_setup", Body(org, user), pat);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(6, (await again.ReadJsonAsync()).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task TokenWithoutInstanceOwnerRole_ShouldAnswer403PermissionDenied()
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();
        var setup = await (await client.PostJsonAsync("/api/setup", Requests.NativeSetup())).ReadJsonAsync();
        var orgOwnerPat = setup.GetProperty("machine").GetProperty("pat").GetString()!;

        var response = await client.PostBearerAsync("/admin/v1/orgs/_setup", Body(), orgOwnerPat);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(7, (await response.ReadJsonAsync()).GetProperty("code").GetInt32());
        var operatorToken = setup.GetProperty("operatorToken").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.PostBearerAsync("/admin/v1/orgs/_setup", Body(), operatorToken)).StatusCode);
    }

    [Fact]
    public async Task NoToken_ShouldAnswer401Unauthenticated()
    {
        await using var app = new BootstrapApiFactory();
        await app.CompleteFirstRunAsync();

        var response = await app.CreateClient().PostJsonAsync("/admin/v1/orgs/_setup", Body());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(16, (await response.ReadJsonAsync()).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task InvalidHuman_ShouldAnswer400NamingTheRule()
    {
        var (app, client, pat) = await SecondInstanceAsync();
        await using var _ = app;
        var body = new { org = new { name = "Team" }, human = new { userName = "x", profile = new { firstName = "X", lastName = "Y" }, email = new { email = "x@y.io" }, password = "NoDigits!" } };

        var response = await client.PostBearerAsync("/admin/v1/orgs/_setup", body, pat);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("digit", (await response.ReadJsonAsync()).GetProperty("message").GetString());
    }
}
