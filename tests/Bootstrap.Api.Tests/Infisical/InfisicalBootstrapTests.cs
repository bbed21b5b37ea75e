using System.Net;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
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
        { """{"email":"a@b.test","password":"password-1","organization":"Acme","role":"admin"}""", "", "unrecognized_keys" },
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
}
