using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;

namespace Bootstrap.Api.Tests.Influx;

/// <remarks>The refused-input theories share one fresh app (<see cref="SharedFreshApp"/>): they write nothing.</remarks>
public sealed partial class InfluxSetupTests(SharedFreshApp fresh) : IClassFixture<SharedFreshApp>
{
    [Fact]
    public async Task OfficialClientFlow_ShouldOnboardOnceAndAuthenticateWithTheReturnedToken()
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();

        var status = await client.GetAsync("/api/v2/setup");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal("application/json; charset=utf-8", status.Content.Headers.ContentType!.ToString());
        Assert.True((await status.ReadJsonAsync()).GetProperty("allowed").GetBoolean());

        var created = await client.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        Assert.Equal(["user", "bucket", "org", "auth"], body.PropertyNames());

        var token = body.GetProperty("auth").GetProperty("token").GetString()!;
        var orgs = await (await client.GetWithTokenAsync("/api/v2/orgs", token)).ReadJsonAsync();
        Assert.Equal("acme", Assert.Single(orgs.GetProperty("orgs").EnumerateArray()).GetProperty("name").GetString());
        var buckets = await (await client.GetWithTokenAsync("/api/v2/buckets", token)).ReadJsonAsync();
        var bucket = Assert.Single(buckets.GetProperty("buckets").EnumerateArray());
        Assert.Equal("telemetry", bucket.GetProperty("name").GetString());
        Assert.Equal(body.GetProperty("bucket").GetProperty("id").GetString(), bucket.GetProperty("id").GetString());

        var me = await client.GetWithTokenAsync("/api/v2/me", token, scheme: "Bearer");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("admin", (await me.ReadJsonAsync()).GetProperty("name").GetString());

        var again = await client.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding());
        Assert.Equal((HttpStatusCode)422, again.StatusCode);
        Assert.Equal("conflict", again.Headers.GetValues("X-Platform-Error-Code").Single());
        Assert.Equal("""{"code":"conflict","message":"onboarding has already been completed"}""", await again.Content.ReadAsStringAsync());
        Assert.False((await (await client.GetAsync("/api/v2/setup")).ReadJsonAsync()).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Onboarding_ShouldAnswerInInfluxShapeWithHexIdsAndRfc3339Timestamps()
    {
        await using var app = new BootstrapApiFactory();
        var body = await (await app.CreateClient().PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding())).ReadJsonAsync();

        var user = body.GetProperty("user");
        Assert.Equal(["id", "name", "status", "links"], user.PropertyNames());
        Assert.Equal("active", user.GetProperty("status").GetString());
        Assert.Equal($"/api/v2/users/{user.GetProperty("id").GetString()}", user.GetProperty("links").GetProperty("self").GetString());

        var bucket = body.GetProperty("bucket");
        Assert.Equal(["id", "orgID", "type", "name", "retentionRules", "createdAt", "updatedAt", "links", "labels"], bucket.PropertyNames());
        Assert.Equal("user", bucket.GetProperty("type").GetString());
        var rule = Assert.Single(bucket.GetProperty("retentionRules").EnumerateArray());
        Assert.Equal("expire", rule.GetProperty("type").GetString());
        Assert.Equal(7 * 86400, rule.GetProperty("everySeconds").GetInt64());
        Assert.Equal(86400, rule.GetProperty("shardGroupDurationSeconds").GetInt64());
        Assert.Empty(bucket.GetProperty("labels").EnumerateArray());

        var org = body.GetProperty("org");
        Assert.Equal(["id", "name", "description", "createdAt", "updatedAt", "links"], org.PropertyNames());
        Assert.Equal(org.GetProperty("id").GetString(), bucket.GetProperty("orgID").GetString());

        var auth = body.GetProperty("auth");
        Assert.Equal(["id", "token", "status", "description", "orgID", "userID", "permissions", "createdAt", "updatedAt", "links"], auth.PropertyNames());
        Assert.Equal("admin's Token", auth.GetProperty("description").GetString());
        Assert.Equal(user.GetProperty("id").GetString(), auth.GetProperty("userID").GetString());
        Assert.Equal(["self", "user"], auth.GetProperty("links").PropertyNames());
        var permissions = auth.GetProperty("permissions").EnumerateArray().ToList();
        Assert.Contains(permissions, p => p.GetProperty("action").GetString() == "write" && p.GetProperty("resource").GetProperty("type").GetString() == "buckets");
        Assert.Contains(permissions, p => p.GetProperty("action").GetString() == "read" && p.GetProperty("resource").GetProperty("type").GetString() == "orgs");
        Assert.Matches(Base64UrlToken(), auth.GetProperty("token").GetString());

        foreach (var id in new[] { user, bucket, org, auth }.Select(e => e.GetProperty("id").GetString()))
        {
            Assert.Matches(HexId(), id);
        }
        foreach (var stamp in new[] { bucket, org, auth }.SelectMany(e => new[] { e.GetProperty("createdAt"), e.GetProperty("updatedAt") }))
        {
            Assert.Matches(Rfc3339(), stamp.GetString());
        }
    }

    [Fact]
    public async Task SuppliedToken_ShouldBecomeTheOperatorTokenVerbatim()
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();
        var request = Requests.InfluxOnboarding();
        request["token"] = "my-own-operator-token-0123456789";

        var body = await (await client.PostJsonAsync("/api/v2/setup", request)).ReadJsonAsync();

        Assert.Equal("my-own-operator-token-0123456789", body.GetProperty("auth").GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/me", "my-own-operator-token-0123456789")).StatusCode);
    }

    [Theory]
    [InlineData(0L, null, 0L, 604800L)]
    [InlineData(3600L, null, 3600L, 3600L)]
    [InlineData(null, 7_200_000_000_000L, 7200L, 3600L)]
    [InlineData(400L * 86400, null, 400L * 86400, 604800L)]
    [InlineData(0L, 86_400_000_000_000L, 86400L, 3600L)]
    public async Task Retention_ShouldPreferSecondsThenReadHrsAsNanoseconds(long? seconds, long? hrs, long expectedEvery, long expectedShard)
    {
        await using var app = new BootstrapApiFactory();
        var request = Requests.InfluxOnboarding();
        request["retentionPeriodSeconds"] = seconds;
        request["retentionPeriodHrs"] = hrs;

        var response = await app.CreateClient().PostJsonAsync("/api/v2/setup", request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var rule = (await response.ReadJsonAsync()).GetProperty("bucket").GetProperty("retentionRules")[0];
        Assert.Equal(expectedEvery, rule.GetProperty("everySeconds").GetInt64());
        Assert.Equal(expectedShard, rule.GetProperty("shardGroupDurationSeconds").GetInt64());
    }

    [Theory]
    [InlineData(new[] { "username" }, "[username]")]
    [InlineData(new[] { "org" }, "[org]")]
    [InlineData(new[] { "bucket", "username" }, "[username,bucket]")]
    [InlineData(new[] { "username", "org", "bucket" }, "[username,org,bucket]")]
    public async Task MissingFields_ShouldAnswer422NamingOnlyTheMissingOnes(string[] missing, string expectedList)
    {
        var app = fresh.App;
        var request = Requests.InfluxOnboarding();
        foreach (var field in missing)
        {
            request.Remove(field);
        }

        var response = await app.CreateClient().PostJsonAsync("/api/v2/setup", request);

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Equal("unprocessable entity", response.Headers.GetValues("X-Platform-Error-Code").Single());
        var body = await response.ReadJsonAsync();
        Assert.Equal("unprocessable entity", body.GetProperty("code").GetString());
        Assert.Equal($"onboarding failed: missing required fields {expectedList}", body.GetProperty("message").GetString());
        await AssertStillAllowedAndEmpty(app);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("fifteen-chars-x")]
    public async Task SuppliedTokenUnder16Characters_ShouldAnswer400Invalid(string token)
    {
        var app = fresh.App;
        var request = Requests.InfluxOnboarding();
        request["token"] = token;

        var response = await app.CreateClient().PostJsonAsync("/api/v2/setup", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid", response.Headers.GetValues("X-Platform-Error-Code").Single());
        Assert.Equal("""{"code":"invalid","message":"token must be at least 16 characters long"}""", await response.Content.ReadAsStringAsync());
        await AssertStillAllowedAndEmpty(app);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("1234567")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789012")]
    public async Task PasswordOutsideLengthBounds_ShouldAnswer400Invalid(string password)
    {
        var app = fresh.App;
        var request = Requests.InfluxOnboarding();
        request["password"] = password;

        var response = await app.CreateClient().PostJsonAsync("/api/v2/setup", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"code":"invalid","message":"passwords must be between 8 and 72 characters long"}""", await response.Content.ReadAsStringAsync());
        await AssertStillAllowedAndEmpty(app);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("12345678")]
    [InlineData("admin123")]
    [InlineData("QwertyUIOP")]
    public async Task CommonPassword_ShouldAnswer400InvalidInInfluxWords(string password)
    {
        var app = fresh.App;
        var request = Requests.InfluxOnboarding();
        request["password"] = password;

        var response = await app.CreateClient().PostJsonAsync("/api/v2/setup", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"code":"invalid","message":"password must not be one of the 30,000 most common passwords"}""", await response.Content.ReadAsStringAsync());
        await AssertStillAllowedAndEmpty(app);
    }

    [Fact]
    public async Task PasswordContainingTheUserName_ShouldAnswer400Invalid()
    {
        var app = fresh.App;
        var request = Requests.InfluxOnboarding();
        request["username"] = "Gigi";
        request["password"] = "my-gIGi-pass-1";

        var response = await app.CreateClient().PostJsonAsync("/api/v2/setup", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"code":"invalid","message":"password must not contain the user name"}""", await response.Content.ReadAsStringAsync());
        await AssertStillAllowedAndEmpty(app);
    }

    [Theory]
    [InlineData(1800L, null)]
    [InlineData(null, 24L)]
    [InlineData(-5L, null)]
    public async Task RetentionUnderAnHour_ShouldAnswer400Invalid(long? seconds, long? hrs)
    {
        var app = fresh.App;
        var request = Requests.InfluxOnboarding();
        request["retentionPeriodSeconds"] = seconds;
        request["retentionPeriodHrs"] = hrs;

        var response = await app.CreateClient().PostJsonAsync("/api/v2/setup", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid", (await response.ReadJsonAsync()).GetProperty("code").GetString());
        await AssertStillAllowedAndEmpty(app);
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "malformed JSON", """{"username": "admin", "org": """ },
        { "empty body", "" },
        { "not an object", "[1,2,3]" },
        { "wrong type for a string", """{"username": 42, "org": "acme", "bucket": "b"}""" },
        { "wrong type for a number", """{"username": "a", "org": "acme", "bucket": "b", "retentionPeriodSeconds": "3600"}""" },
        { "overflowing number", """{"username": "a", "org": "acme", "bucket": "b", "retentionPeriodSeconds": 99999999999999999999999}""" },
        { "lone surrogate", """{"username": "\ud800", "org": "acme", "bucket": "b"}""" },
        { "control character", """{"username": "ad\u0007min", "org": "acme", "bucket": "b"}""" },
        { "null body", "null" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task MalformedBody_ShouldAnswer4xxInInfluxFormatAndWriteNothing(string description, string body)
    {
        var app = fresh.App;

        var response = await app.CreateClient().PostRawAsync("/api/v2/setup", body);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{description}: {(int)response.StatusCode}");
        var error = await response.ReadJsonAsync();
        Assert.Equal(["code", "message"], error.PropertyNames());
        Assert.Equal(error.GetProperty("code").GetString(), response.Headers.GetValues("X-Platform-Error-Code").Single());
        await AssertStillAllowedAndEmpty(app);
    }

    [Fact]
    public async Task OversizedBody_ShouldAnswer413RequestTooLarge()
    {
        await using var app = new BootstrapApiFactory();
        var request = Requests.InfluxOnboarding();
        request["org"] = new string('a', 200 * 1024);

        var response = await app.CreateClient().PostJsonAsync("/api/v2/setup", request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request too large", (await response.ReadJsonAsync()).GetProperty("code").GetString());
        await AssertStillAllowedAndEmpty(app);
    }

    [Fact]
    public async Task OversizedChunkedBody_ShouldAnswer413WithoutAContentLength()
    {
        await using var app = new BootstrapApiFactory();
        var payload = JsonSerializer.SerializeToUtf8Bytes(new { username = "a", org = new string('a', 200 * 1024), bucket = "b" });
        var content = new StreamContent(new MemoryStream(payload));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/setup") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request too large", (await response.ReadJsonAsync()).GetProperty("code").GetString());
        await AssertStillAllowedAndEmpty(app);
    }

    private static async Task AssertStillAllowedAndEmpty(BootstrapApiFactory app)
    {
        var status = await (await app.CreateClient().GetAsync("/api/v2/setup")).ReadJsonAsync();
        Assert.True(status.GetProperty("allowed").GetBoolean());
        Assert.Equal(0, await app.CountAsync<User>());
        Assert.Equal(0, await app.CountAsync<Organization>());
        Assert.Equal(0, await app.CountAsync<Bucket>());
        Assert.Equal(0, await app.CountAsync<ApiToken>());
    }

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex HexId();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    private static partial Regex Rfc3339();

    [GeneratedRegex("^[A-Za-z0-9_-]{86}$")]
    private static partial Regex Base64UrlToken();
}
