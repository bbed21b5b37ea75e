using System.Net;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Tests.Zitadel;

/// <summary>What Zitadel stores from CreateInstance and SetUpOrg is stored here too, and what it refuses is refused.</summary>
public sealed class ZitadelStoredFieldsTests
{
    private const string SecondHost = "second.test";

    public static object SetUpOrgBody(string org = "Team", string user = "gigi-giraffe", string? domain = "Team.Test", string[]? roles = null,
        string phone = "+41 71 000 00 00", object? gender = null) => new
    {
        org = new { name = org, domain },
        human = new
        {
            userName = user,
            profile = new { firstName = "Gigi", lastName = "Giraffe", nickName = "Gigi G.", displayName = "Gigi the Giraffe", preferredLanguage = "de-CH", gender = gender ?? "GENDER_FEMALE" },
            email = new { email = "gigi@team.test", isEmailVerified = true },
            phone = new { phone, isPhoneVerified = true },
            password = ZitadelFixtures.StrongPassword,
        },
        roles,
    };

    public static async Task<(BootstrapApiFactory App, HttpClient Client, string Pat)> SecondInstanceAsync(
        DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var app = await BootstrapApiFactory.OnAsync(provider, services, settings);
        await app.CompleteFirstRunAsync();
        var body = ZitadelFixtures.CreateInstance(SecondHost);
        body["defaultLanguage"] = "de";
        var created = await app.CreateClient().PostSystemAsync("/system/v1/instances/_create", body);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        return (app, app.CreateClientFor(SecondHost), (await created.ReadJsonAsync()).GetProperty("pat").GetString()!);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SetUpOrg_ShouldStoreTheOrgDomainAndEveryProfileField(DatabaseProvider provider)
    {
        var (app, client, pat) = await SecondInstanceAsync(provider);
        await using var _ = app;

        var response = await client.PostBearerAsync("/admin/v1/orgs/_setup", SetUpOrgBody(), pat);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var org = await app.QueryAsync(db => db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Name == "Team"));
        Assert.Equal("team.test", org.Domain);
        var user = await app.QueryAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.UserName == "gigi-giraffe"));
        Assert.Equal(("Gigi G.", "Gigi the Giraffe", Gender.Female, "de-CH"), (user.NickName, user.DisplayName, user.Gender, user.PreferredLanguage));
        Assert.Equal(("+41 71 000 00 00", true), (user.PhoneNumber, user.PhoneNumberConfirmed));
        Assert.Equal("de", (await app.QueryAsync(db => db.Instances.SingleAsync(i => i.CustomDomain == SecondHost))).DefaultLanguage);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CreateAndAddInstance_ShouldStorePasswordChangeRequired(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);
        await app.CompleteFirstRunAsync();
        var create = ZitadelFixtures.CreateInstance("created.test", machine: false);
        create["human"] = new
        {
            userName = "created-owner",
            email = new { email = "owner@created.test" },
            profile = new { firstName = "Cleo", lastName = "Created" },
            password = new { password = ZitadelFixtures.StrongPassword, passwordChangeRequired = true },
        };
        var add = new
        {
            instanceName = "Added", customDomain = "added.test", ownerUserName = "added-owner",
            ownerEmail = new { email = "owner@added.test" }, ownerProfile = new { firstName = "Ada", lastName = "Added" },
            ownerPassword = new { password = ZitadelFixtures.StrongPassword, passwordChangeRequired = true },
        };

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostSystemAsync("/system/v1/instances/_create", create)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostSystemAsync("/system/v1/instances", add)).StatusCode);

        var flags = await app.QueryAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.UserName!.EndsWith("-owner"))
            .Select(u => u.PasswordChangeRequired).ToListAsync());
        Assert.Equal([true, true], flags);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SetUpOrg_ShouldRefuseAnUnknownRoleAsZitadelsMemberInvalid(DatabaseProvider provider)
    {
        var (app, client, pat) = await SecondInstanceAsync(provider);
        await using var _ = app;
        var organizationsBefore = await app.CountAsync<Organization>();

        var response = await client.PostBearerAsync("/admin/v1/orgs/_setup", SetUpOrgBody(roles: ["ORG_OWNER", "ORG_GOD"]), pat);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(3, body.GetProperty("code").GetInt32());
        Assert.Equal("Member is invalid (Org-4N8es)", body.GetProperty("message").GetString());
        Assert.Equal("Org-4N8es", Assert.Single(body.GetProperty("details").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(organizationsBefore, await app.CountAsync<Organization>());
    }

    [Theory]
    [InlineData("phone without +", "41 71 000 00 00", "GENDER_FEMALE", "USER-phone")]
    [InlineData("phone with letters", "+41 seventy-one", "GENDER_FEMALE", "USER-phone")]
    // An unknown enum *name* is discarded as protojson does (then unspecified); an undefined *number* is refused.
    [InlineData("undefined gender number", "+41710000000", 7, "USER-gender")]
    public async Task SetUpOrg_ShouldRefuseAMalformedPhoneOrGender(string _, string phone, object gender, string errorId)
    {
        var (app, client, pat) = await SecondInstanceAsync(DatabaseProvider.Sqlite);
        await using var __ = app;

        var response = await client.PostBearerAsync("/admin/v1/orgs/_setup", SetUpOrgBody(phone: phone, gender: gender), pat);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.ReadJsonAsync()).GetProperty("details").EnumerateArray(), d => d.GetProperty("id").GetString() == errorId);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SetUpOrg_ShouldRefuseADomainAnotherOrganizationVerified(DatabaseProvider provider)
    {
        var (app, client, pat) = await SecondInstanceAsync(provider);
        await using var _ = app;
        Assert.Equal(HttpStatusCode.OK, (await client.PostBearerAsync("/admin/v1/orgs/_setup", SetUpOrgBody(), pat)).StatusCode);

        var again = await client.PostBearerAsync("/admin/v1/orgs/_setup", SetUpOrgBody(org: "Other Team", user: "other-user", domain: "team.test"), pat);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(6, (await again.ReadJsonAsync()).GetProperty("code").GetInt32());
    }
}
