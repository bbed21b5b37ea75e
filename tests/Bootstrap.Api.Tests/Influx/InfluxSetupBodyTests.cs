using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;

namespace Bootstrap.Api.Tests.Influx;

/// <summary>Like InfluxDB, the setup endpoints read the body as JSON whatever content type is declared.</summary>
public sealed class InfluxSetupBodyTests
{
    private const string Onboarding = """{"username":"admin","password":"correct-horse-9","org":"acme","bucket":"telemetry","retentionPeriodSeconds":604800}""";
    private const string SecondUser = """{"username":"bob","password":"robs-password-2","org":"bobs-org","bucket":"bobs-bucket"}""";

    /// <summary>What <c>curl -d '{…}'</c> sends: the JSON text declared as a form.</summary>
    private static StringContent CurlData(string body) => new(body, Encoding.UTF8, "application/x-www-form-urlencoded");

    private static ByteArrayContent Undeclared(string body) => new(Encoding.UTF8.GetBytes(body));

    [Theory, OnSqlite, OnPostgres]
    public async Task JsonDeclaredAsAFormAsTextOrNotAtAll_ShouldBeReadAsJsonByBothSetupEndpoints(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);
        var client = app.CreateClient();

        var setup = await client.PostAsync("/api/v2/setup", CurlData(Onboarding));
        Assert.Equal(HttpStatusCode.Created, setup.StatusCode);
        var operatorToken = (await setup.ReadJsonAsync()).GetProperty("auth").GetProperty("token").GetString()!;

        foreach (var (user, content) in new (string, HttpContent)[]
        {
            ("bob", Undeclared(SecondUser)),
            ("carol", new StringContent(SecondUser.Replace("bob", "carol"), Encoding.UTF8, "text/plain")),
            ("dave", CurlData(SecondUser.Replace("bob", "dave"))),
        })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/setup/user") { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Token", operatorToken);
            var added = await client.SendAsync(request);
            Assert.True(added.StatusCode == HttpStatusCode.Created, $"{user}: {(int)added.StatusCode} {await added.Content.ReadAsStringAsync()}");
            Assert.Equal(user, (await added.ReadJsonAsync()).GetProperty("user").GetProperty("name").GetString());
        }
        Assert.Equal(4, await app.CountAsync<User>());
    }

    private static readonly Dictionary<string, Func<HttpContent>> NotJsonBodies = new()
    {
        ["a real form"] = () => CurlData("username=admin&org=acme&bucket=telemetry"),
        ["text"] = () => new StringContent("not json", Encoding.UTF8, "text/plain"),
        ["nothing declared, nothing sent"] = () => Undeclared(""),
        ["JSON null as a form"] = () => CurlData("null"),
    };

    public static TheoryData<string> NotJson => new(NotJsonBodies.Keys);

    [Theory]
    [MemberData(nameof(NotJson))]
    public async Task BodyThatIsNotAJsonObject_ShouldAnswer400InvalidNever415(string description)
    {
        var content = NotJsonBodies[description];
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();

        var setup = await client.PostAsync("/api/v2/setup", content());
        Assert.True(setup.StatusCode == HttpStatusCode.BadRequest, $"{description}: {(int)setup.StatusCode}");
        await AssertDecodeErrorAsync(setup);
        Assert.Equal(0, await app.CountAsync<User>());

        var operatorToken = await app.CompleteFirstRunAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/setup/user") { Content = content() };
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", operatorToken);
        var addUser = await client.SendAsync(request);
        Assert.True(addUser.StatusCode == HttpStatusCode.BadRequest, $"{description}: {(int)addUser.StatusCode}");
        await AssertDecodeErrorAsync(addUser);
        Assert.Equal(1, await app.CountAsync<User>());
    }

    public static TheoryData<string, string, string> WrongTypes => new()
    {
        { "/api/v2/setup", """{"username":"admin","org":"acme","bucket":"b","retentionPeriodSeconds":"3600"}""", "retentionPeriodSeconds must be a number" },
        { "/api/v2/setup", """{"username":42,"org":"acme","bucket":"b"}""", "username must be a string" },
        { "/api/v2/setup", """{"username":"admin","org":"acme","bucket":"b","token":{"value":"x"}}""", "token must be a string" },
        { "/api/v2/setup", """{"username":"admin","org":"acme","bucket":"b","retentionPeriodHrs":1.5}""", "retentionPeriodHrs must be a whole number of at most 64 bits" },
        { "/api/v2/setup", """{"username":"admin","org":"acme","bucket":"b","retentionPeriodSeconds":99999999999999999999999}""", "retentionPeriodSeconds must be a whole number of at most 64 bits" },
        { "/api/v2/setup", """{"username":"\ud800","org":"acme","bucket":"b"}""", "username must be valid Unicode text" },
        { "/api/v2/setup/user", """{"username":"bob","org":"bobs-org","bucket":"b","retentionPeriodSeconds":true}""", "retentionPeriodSeconds must be a number" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task WrongTypedField_ShouldAnswer400InvalidNamingTheField(string path, string body, string reason)
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (path == "/api/v2/setup/user")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Token", await app.CompleteFirstRunAsync());
        }

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid", response.Headers.GetValues("X-Platform-Error-Code").Single());
        Assert.Equal($$"""{"code":"invalid","message":"failed to decode request body: {{reason}}"}""", await response.Content.ReadAsStringAsync());
    }

    private static async Task AssertDecodeErrorAsync(HttpResponseMessage response)
    {
        var error = await response.ReadJsonAsync();
        Assert.Equal("invalid", error.GetProperty("code").GetString());
        Assert.StartsWith("failed to decode request body: ", error.GetProperty("message").GetString());
        Assert.Equal("invalid", response.Headers.GetValues("X-Platform-Error-Code").Single());
    }
}
