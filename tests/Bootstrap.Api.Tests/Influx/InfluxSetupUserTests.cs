using System.Net;
using System.Security.Cryptography;
using System.Text;
using Bootstrap.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Tests.Influx;

public sealed class InfluxSetupUserTests
{
    private static Dictionary<string, object?> SecondUser() => new()
    {
        ["username"] = "bob",
        ["password"] = "robs-password-2",
        ["org"] = "bobs-org",
        ["bucket"] = "bobs-bucket",
        ["retentionPeriodSeconds"] = 3600,
    };

    [Fact]
    public async Task OperatorToken_ShouldAddAUserWhoseOwnerTokenSeesOnlyTheirOrg()
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();
        var setup = await (await client.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding())).ReadJsonAsync();
        var operatorToken = setup.GetProperty("auth").GetProperty("token").GetString()!;

        var response = await client.PostBearerAsync("/api/v2/setup/user", SecondUser(), operatorToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(["user", "bucket", "org", "auth"], body.PropertyNames());
        var ownerToken = body.GetProperty("auth").GetProperty("token").GetString()!;
        Assert.Equal(body.GetProperty("org").GetProperty("id").GetString(),
            body.GetProperty("auth").GetProperty("permissions")[0].GetProperty("resource").GetProperty("orgID").GetString());

        var ownerOrgs = await (await client.GetWithTokenAsync("/api/v2/orgs", ownerToken)).ReadJsonAsync();
        Assert.Equal("bobs-org", Assert.Single(ownerOrgs.GetProperty("orgs").EnumerateArray()).GetProperty("name").GetString());
        var operatorOrgs = await (await client.GetWithTokenAsync("/api/v2/orgs", operatorToken)).ReadJsonAsync();
        Assert.Equal(2, operatorOrgs.GetProperty("orgs").GetArrayLength());
    }

    [Fact]
    public async Task SuppliedTokenUnder16Characters_ShouldAnswer400InvalidAndAddNoUser()
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();
        var operatorToken = await app.CompleteFirstRunAsync();
        var request = SecondUser();
        request["token"] = "fifteen-chars-x";

        var response = await client.PostBearerAsync("/api/v2/setup/user", request, operatorToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"code":"invalid","message":"token must be at least 16 characters long"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.CountAsync<Bootstrap.Domain.Entities.Organization>());
    }

    [Fact]
    public async Task NonOperatorToken_ShouldAnswer403AndNoTokenShouldAnswer401()
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();
        var setup = await (await client.PostJsonAsync("/api/setup", Requests.NativeSetup())).ReadJsonAsync();
        var pat = setup.GetProperty("machine").GetProperty("pat").GetString()!;

        var forbidden = await client.PostBearerAsync("/api/v2/setup/user", SecondUser(), pat);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("forbidden", (await forbidden.ReadJsonAsync()).GetProperty("code").GetString());

        var anonymous = await client.PostJsonAsync("/api/v2/setup/user", SecondUser());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task TakenOrgName_ShouldAnswer422Conflict()
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();
        var setup = await (await client.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding())).ReadJsonAsync();
        var operatorToken = setup.GetProperty("auth").GetProperty("token").GetString()!;
        var request = SecondUser();
        request["org"] = "acme";

        var response = await client.PostBearerAsync("/api/v2/setup/user", request, operatorToken);

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("conflict", body.GetProperty("code").GetString());
        Assert.Contains("acme", body.GetProperty("message").GetString());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SuppliedToken_ShouldBecomeTheNewUsersTokenVerbatimWithOnlyItsHashStored(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);
        var client = app.CreateClient();
        var operatorToken = await app.CompleteFirstRunAsync();
        const string supplied = "bobs-own-token-chosen-by-the-operator";
        var request = SecondUser();
        request["token"] = supplied;

        var response = await client.PostBearerAsync("/api/v2/setup/user", request, operatorToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(supplied, (await response.ReadJsonAsync()).GetProperty("auth").GetProperty("token").GetString());
        var me = await client.GetWithTokenAsync("/api/v2/me", supplied);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("bob", (await me.ReadJsonAsync()).GetProperty("name").GetString());
        var stored = await app.QueryAsync(db => db.ApiTokens.IgnoreQueryFilters().Select(t => t.SecretHash).ToListAsync());
        Assert.Contains(stored, hash => hash.SequenceEqual(SHA256.HashData(Encoding.UTF8.GetBytes(supplied))));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SuppliedTokenAlreadyInUse_ShouldAnswer422ConflictAndAddNoUser(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);
        var client = app.CreateClient();
        var operatorToken = await app.CompleteFirstRunAsync();
        var request = SecondUser();
        request["token"] = operatorToken;

        var response = await client.PostBearerAsync("/api/v2/setup/user", request, operatorToken);

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Equal("conflict", (await response.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(1, await app.CountAsync<Bootstrap.Domain.Entities.User>());
        Assert.Equal(1, await app.CountAsync<Bootstrap.Domain.Entities.Organization>());
    }
}
