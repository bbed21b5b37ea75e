using System.Net;
using Bootstrap.Api.Security;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using static Bootstrap.Api.Tests.Infrastructure.JsonShape;

namespace Bootstrap.Api.Tests.Infisical;

public sealed class InfisicalBootstrapTests
{
    private static object ValidBody() => new { email = "Boss@Acme.test", password = Requests.Password, organization = "Acme Inc" };

    [Fact]
    public async Task Bootstrap_ShouldAnswerTheSeedSchemaAndIssueAWorkingIdentityToken()
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();

        var response = await client.PostJsonAsync("/api/v1/admin/bootstrap", ValidBody());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        AssertObject(body, new Dictionary<string, string> { ["message"] = Text, ["user"] = Nested, ["organization"] = Nested, ["identity"] = Nested });
        Assert.Equal("Successfully bootstrapped instance", body.GetProperty("message").GetString());
        var user = body.GetProperty("user");
        AssertObject(user, new Dictionary<string, string>
        {
            ["username"] = Text, ["firstName"] = NullableText, ["lastName"] = NullableText,
            ["email"] = NullableText, ["id"] = Uuid, ["superAdmin"] = Flag,
        });
        Assert.Equal("boss@acme.test", user.GetProperty("username").GetString());
        Assert.True(user.GetProperty("superAdmin").GetBoolean());
        var organization = body.GetProperty("organization");
        AssertObject(organization, new Dictionary<string, string> { ["id"] = Uuid, ["name"] = Text, ["slug"] = Text });
        Assert.Equal("acme-inc", organization.GetProperty("slug").GetString());
        var identity = body.GetProperty("identity");
        AssertObject(identity, new Dictionary<string, string> { ["id"] = Uuid, ["name"] = Text, ["credentials"] = Nested });
        Assert.Equal("Instance Admin Identity", identity.GetProperty("name").GetString());
        AssertObject(identity.GetProperty("credentials"), new Dictionary<string, string> { ["token"] = Text });

        var token = identity.GetProperty("credentials").GetProperty("token").GetString()!;
        var orgs = await client.GetWithTokenAsync("/api/v2/orgs", token, scheme: "Bearer");
        Assert.Equal(HttpStatusCode.OK, orgs.StatusCode);
        Assert.Equal("Acme Inc", Assert.Single((await orgs.ReadJsonAsync()).GetProperty("orgs").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(1, await app.CountAsync<Bucket>());
    }

    [Fact]
    public async Task Bootstrap_ShouldShareTheFirstRunGuardWithInflux()
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/api/v1/admin/bootstrap", ValidBody())).StatusCode);

        var again = await client.PostJsonAsync("/api/v1/admin/bootstrap", ValidBody());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var error = await again.ReadJsonAsync();
        AssertObject(error, new Dictionary<string, string> { ["reqId"] = Text, ["statusCode"] = Numeric, ["message"] = Text, ["error"] = Text });
        Assert.Equal(400, error.GetProperty("statusCode").GetInt32());
        Assert.Equal("Instance has already been set up", error.GetProperty("message").GetString());
        Assert.Equal("BadRequest", error.GetProperty("error").GetString());

        var influx = await client.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding());
        Assert.Equal((HttpStatusCode)422, influx.StatusCode);
        Assert.Equal("conflict", (await influx.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task BootstrapAfterInfluxOnboarding_ShouldSayAlreadySetUp()
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();
        await client.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding());

        var response = await client.PostJsonAsync("/api/v1/admin/bootstrap", ValidBody());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Instance has already been set up", (await response.ReadJsonAsync()).GetProperty("message").GetString());
    }

    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        { """{"password":"password-1","organization":"Acme"}""", "email", "invalid_type" },
        { """{"email":"not-an-email","password":"password-1","organization":"Acme"}""", "email", "invalid_string" },
        { """{"email":"a@b.test","password":"","organization":"Acme"}""", "password", "too_small" },
        { """{"email":"a@b.test","password":"password-1","organization":"   "}""", "organization", "too_small" },
        { """{"email":"not-an-email","password":"password-1","organization":"Acme","domain":"http://x/api"}""", "email", "invalid_string" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task InvalidBody_ShouldAnswer422ValidationFailureWithZodIssues(string body, string path, string code)
    {
        await using var app = new BootstrapApiFactory();

        var response = await app.CreateClient().PostRawAsync("/api/v1/admin/bootstrap", body);

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var error = await response.ReadJsonAsync();
        Assert.Equal(["reqId", "statusCode", "message", "error"], error.PropertyNames());
        Assert.Equal(422, error.GetProperty("statusCode").GetInt32());
        Assert.Equal("ValidationFailure", error.GetProperty("error").GetString());
        var issue = Assert.Single(error.GetProperty("message").EnumerateArray());
        Assert.Equal(code, issue.GetProperty("code").GetString());
        Assert.Equal(path, string.Join('.', issue.GetProperty("path").EnumerateArray().Select(p => p.GetString())));
        Assert.Equal(0, await app.CountAsync<User>());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("""{"email": 5, "password": "x", "organization": "y"}""")]
    public async Task MalformedBody_ShouldAnswer400InInfisicalFormat(string body)
    {
        await using var app = new BootstrapApiFactory();

        var response = await app.CreateClient().PostRawAsync("/api/v1/admin/bootstrap", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.ReadJsonAsync();
        Assert.Equal(["reqId", "statusCode", "message", "error"], error.PropertyNames());
        Assert.Equal("BadRequest", error.GetProperty("error").GetString());
        Assert.Equal(0, await app.CountAsync<User>());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task BodyWithUnknownProperties_ShouldBootstrapAndIgnoreThem(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);

        var response = await app.CreateClient().PostRawAsync("/api/v1/admin/bootstrap",
            """{"email":"a@b.test","password":"correct-horse-9","organization":"Acme","role":"admin","nested":{"x":[1,2]}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Successfully bootstrapped instance", (await response.ReadJsonAsync()).GetProperty("message").GetString());
        Assert.Equal("Acme", await app.QueryAsync(db => db.Organizations.IgnoreQueryFilters().Select(o => o.Name).SingleAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Email_ShouldBeTrimmedAndLowerCasedInStorageAndInTheResponse(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);

        var response = await app.CreateClient().PostJsonAsync("/api/v1/admin/bootstrap",
            new { email = "  Boss@ACME.Test ", password = Requests.Password, organization = "Acme Inc" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = (await response.ReadJsonAsync()).GetProperty("user");
        Assert.Equal("boss@acme.test", user.GetProperty("email").GetString());
        Assert.Equal("boss@acme.test", user.GetProperty("username").GetString());
        var stored = await app.QueryAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Kind == UserKind.Human));
        Assert.Equal("boss@acme.test", stored.Email);
        Assert.Equal("boss@acme.test", stored.UserName);
    }

    /// <summary>Infisical's <c>bootstrapInstance</c> (backend/src/services/super-admin/super-admin-service.ts) creates the admin
    /// with <c>firstName: "Admin", lastName: "User", isEmailVerified: true</c>; its route's response schema has no
    /// <c>isEmailVerified</c>, so only storage shows it.</summary>
    [Theory, OnSqlite, OnPostgres]
    public async Task Admin_ShouldBeNamedAdminUserWithAVerifiedEmailAsInfisicalDoes(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);

        var response = await app.CreateClient().PostJsonAsync("/api/v1/admin/bootstrap", ValidBody());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = (await response.ReadJsonAsync()).GetProperty("user");
        Assert.Equal("Admin", user.GetProperty("firstName").GetString());
        Assert.Equal("User", user.GetProperty("lastName").GetString());
        Assert.False(user.TryGetProperty("isEmailVerified", out _));
        var stored = await app.QueryAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Kind == UserKind.Human));
        Assert.Equal(("Admin", "User", true), (stored.FirstName, stored.LastName, stored.EmailConfirmed));
    }

    /// <summary>
    /// The exact request of the official CLI's <c>infisical bootstrap --domain http://localhost:5080 --email Admin@Example.com
    /// --password correct-horse-9 --organization "Example Org"</c>: packages/cmd/bootstrap.go in Infisical/cli sends
    /// <c>api.BootstrapInstanceRequest{Domain: util.AppendAPIEndpoint(domain), Email, Password, Organization}</c> with resty
    /// (User-Agent "cli", Accept application/json) to <c>{Domain}/v1/admin/bootstrap</c>, where packages/api/model.go declares
    /// <code>
    /// type BootstrapInstanceRequest struct {
    ///     Email        string `json:"email"`
    ///     Password     string `json:"password"`
    ///     Organization string `json:"organization"`
    ///     Domain       string `json:"domain"`
    /// }
    /// </code>
    /// and decodes the answer into BootstrapInstanceResponse{message, identity{id, name, credentials{token}},
    /// organization{id, name, slug}, user{id, email, firstName, lastName, username, superAdmin}}.
    /// </summary>
    [Theory, OnSqlite, OnPostgres]
    public async Task InfisicalCliBootstrapRequest_ShouldSucceedWithEveryFieldTheCliReads(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);

        var response = await app.CreateClient().SendAsync(InfisicalCliRequest());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("Successfully bootstrapped instance", body.GetProperty("message").GetString());
        var identity = body.GetProperty("identity");
        AssertObject(identity, new Dictionary<string, string> { ["id"] = Uuid, ["name"] = Text, ["credentials"] = Nested });
        var token = identity.GetProperty("credentials").GetProperty("token").GetString();
        Assert.False(string.IsNullOrEmpty(token));
        var organization = body.GetProperty("organization");
        Assert.Equal(("Example Org", "example-org"), (organization.GetProperty("name").GetString(), organization.GetProperty("slug").GetString()));
        var user = body.GetProperty("user");
        AssertObject(user, new Dictionary<string, string>
        {
            ["username"] = Text, ["firstName"] = Text, ["lastName"] = Text, ["email"] = Text, ["id"] = Uuid, ["superAdmin"] = Flag,
        });
        Assert.Equal("admin@example.com", user.GetProperty("email").GetString());
        Assert.True(user.GetProperty("superAdmin").GetBoolean());
        var orgs = await app.CreateClient().GetWithTokenAsync("/api/v2/orgs", token!, scheme: "Bearer");
        Assert.Equal(HttpStatusCode.OK, orgs.StatusCode);
    }

    /// <summary>
    /// <c>--ignore-if-bootstrapped</c>: bootstrap.go treats any error of CallBootstrapInstance (packages/api/api.go: resty's
    /// <c>response.IsError()</c>, a status of 400 or more) as "already bootstrapped" and exits 0 without output. So the
    /// second run must get an error status, and it gets exactly real Infisical's: 400 "Instance has already been set up".
    /// </summary>
    [Fact]
    public async Task SecondInfisicalCliBootstrap_ShouldAnswerInfisicalsAlreadySetUpError()
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(InfisicalCliRequest())).StatusCode);

        var again = await client.SendAsync(InfisicalCliRequest());

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var error = await again.ReadJsonAsync();
        Assert.Equal(["reqId", "statusCode", "message", "error"], error.PropertyNames());
        Assert.Equal(400, error.GetProperty("statusCode").GetInt32());
        Assert.Equal("Instance has already been set up", error.GetProperty("message").GetString());
        Assert.Equal("BadRequest", error.GetProperty("error").GetString());
        Assert.Equal(1, await app.QueryAsync(db => db.Users.IgnoreQueryFilters().CountAsync(u => u.Kind == UserKind.Human)));
    }

    /// <summary>
    /// The CLI cannot name X-Setup-Token on its command line, but it sends every header listed in
    /// <c>INFISICAL_CUSTOM_HEADERS="X-Setup-Token=…"</c> (GetRestyClientWithCustomHeaders, packages/util/helper.go).
    /// </summary>
    [Fact]
    public async Task RemoteInfisicalCli_ShouldNeedTheClaimTokenItSendsAsACustomHeader()
    {
        using var folder = new TempFolder();
        await using var app = new BootstrapApiFactory(RemotePeerStartupFilter.Install(), new Dictionary<string, string?>
        {
            ["Setup:ClaimMode"] = "LoopbackExempt",
            ["Setup:ClaimTokenPath"] = folder.File("setup-token"),
        });
        var client = app.CreateClient();

        var withoutToken = await client.SendAsync(InfisicalCliRequest());
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal("UnauthorizedError", (await withoutToken.ReadJsonAsync()).GetProperty("error").GetString());

        var withToken = InfisicalCliRequest();
        withToken.Headers.Add(SetupClaim.HeaderName, (await File.ReadAllTextAsync(folder.File("setup-token"))).Trim());
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(withToken)).StatusCode);
    }

    private static HttpRequestMessage InfisicalCliRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/bootstrap")
        {
            Content = new StringContent(
                """{"email":"Admin@Example.com","password":"correct-horse-9","organization":"Example Org","domain":"http://localhost:5080/api"}""",
                System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("User-Agent", "cli");
        request.Headers.Add("Accept", "application/json");
        return request;
    }
}
