using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Tests.Zitadel;

/// <summary>The JSON doors read bodies as Zitadel's gateway does: protojson with unknown fields discarded, any content type.</summary>
public sealed class ZitadelJsonDoorTests
{
    private const string CreatePath = "/system/v1/instances/_create";
    private const string AddPath = "/system/v1/instances";
    private const string SetUpOrgPath = "/admin/v1/orgs/_setup";

    private const string HumanOwner =
        """{"userName":"owner","email":{"email":"owner@json.test"},"profile":{"firstName":"Olga","lastName":"Owner"},"password":{"password":"Sec-ret-123!"}}""";

    private const string MachineOwner = """{"userName":"robot","name":"Robot","personalAccessToken":{},"machineKey":{"type":"KEY_TYPE_JSON"}}""";

    private static async Task<BootstrapApiFactory> SetUpAppAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var app = await BootstrapApiFactory.OnAsync(provider);
        await app.CompleteFirstRunAsync();
        return app;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string body, string? contentType = "application/json",
        string token = BootstrapApiFactory.SystemToken)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    private static async Task<string> AssertInvalidArgumentAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.ReadJsonAsync();
        Assert.Equal(3, error.GetProperty("code").GetInt32());
        Assert.Equal("type.googleapis.com/zitadel.v1.ErrorDetail", error.GetProperty("details")[0].GetProperty("@type").GetString());
        return error.GetProperty("message").GetString()!;
    }

    private static Task<int> UserCountAsync(BootstrapApiFactory app) => app.CountAsync<User>();

    [Theory, OnSqlite, OnPostgres]
    public async Task HumanAndMachineOwnerTogether_ShouldAnswer400NamingTheOneofAndWriteNothing(DatabaseProvider provider)
    {
        await using var app = await SetUpAppAsync(provider);
        var before = (await app.CountAsync<Instance>(), await UserCountAsync(app));

        var response = await PostAsync(app.CreateClient(), CreatePath,
            $$$"""{"instanceName":"Both","customDomain":"both.test","human":{{{HumanOwner}}},"machine":{{{MachineOwner}}}}""");

        var message = await AssertInvalidArgumentAsync(response);
        Assert.Contains("oneof zitadel.system.v1.CreateInstanceRequest.owner is already set", message);
        Assert.Equal(before, (await app.CountAsync<Instance>(), await UserCountAsync(app)));
    }

    [Fact]
    public async Task OwnerOneofMemberSetToNull_ShouldCountAsUnset()
    {
        await using var app = await SetUpAppAsync();

        var response = await PostAsync(app.CreateClient(), CreatePath,
            $$$"""{"instanceName":"Human","customDomain":"human.test","human":{{{HumanOwner}}},"machine":null}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("\"KEY_TYPE_UNSPECIFIED\"")]
    [InlineData("0")]
    [InlineData("2")]
    [InlineData("\"KEY_TYPE_X509\"")]
    [InlineData("null")]
    [InlineData("\"1\"")]
    public async Task MachineKeyTypeOtherThanJson_ShouldAnswer400AndWriteNothing(string type)
    {
        await using var app = await SetUpAppAsync();
        var before = await UserCountAsync(app);

        var response = await PostAsync(app.CreateClient(), CreatePath,
            """{"instanceName":"Keyed","customDomain":"keyed.test","machine":{"userName":"robot","name":"Robot","machineKey":{"type":""" + type + "}}}");

        Assert.Contains("KEY_TYPE_JSON", await AssertInvalidArgumentAsync(response));
        Assert.Equal(before, await UserCountAsync(app));
        Assert.Equal(0, await app.CountAsync<MachineKey>());
    }

    [Theory]
    [InlineData("\"KEY_TYPE_JSON\"")]
    [InlineData("1")]
    [InlineData("1.0")]
    public async Task MachineKeyTypeJsonByNameOrNumber_ShouldIssueTheKey(string type)
    {
        await using var app = await SetUpAppAsync();

        var response = await PostAsync(app.CreateClient(), CreatePath,
            """{"instanceName":"Keyed","customDomain":"keyed.test","machine":{"userName":"robot","name":"Robot","machineKey":{"type":""" + type + "}}}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.String, (await response.ReadJsonAsync()).GetProperty("machineKey").ValueKind);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CreateInstanceInProtoFieldNames_ShouldBeReadLikeJsonNames(DatabaseProvider provider)
    {
        await using var app = await SetUpAppAsync(provider);
        const string body = """
            {"instance_name":"Snake","first_org_name":"Snake Org","custom_domain":"snake.test","default_language":"de",
             "human":{"user_name":"snake-owner","email":{"email":"owner@snake.test","is_email_verified":true},
                      "profile":{"first_name":"Sam","last_name":"Snake","preferred_language":"fr"},
                      "password":{"password":"Sec-ret-123!","password_change_required":false}}}
            """;

        var response = await PostAsync(app.CreateClient(), CreatePath, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var instance = await app.QueryAsync(db => db.Instances.SingleAsync(i => i.CustomDomain == "snake.test"));
        Assert.Equal(("Snake", "de"), (instance.Name, instance.DefaultLanguage));
        Assert.Equal("Snake Org", (await app.QueryAsync(db => db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.InstanceId == instance.Id))).Name);
        var owner = await app.QueryAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.InstanceId == instance.Id));
        Assert.Equal(("snake-owner", "owner@snake.test", true, "Sam", "Snake", "fr"),
            (owner.UserName, owner.Email, owner.EmailConfirmed, owner.FirstName, owner.LastName, owner.PreferredLanguage));
        Assert.Equal(HttpStatusCode.NoContent, (await app.CreateClientFor("snake.test").SignInAsync("snake-owner", ZitadelFixtures.StrongPassword)).StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task MachineOwnerInProtoFieldNames_ShouldIssueItsCredentialsWithRfc3339Expirations(DatabaseProvider provider)
    {
        await using var app = await SetUpAppAsync(provider);
        const string body = """
            {"instance_name":"Snake","custom_domain":"snake.test",
             "machine":{"user_name":"snake-bot","name":"Snake Bot",
                        "personal_access_token":{"expiration_date":"2999-01-01T02:00:00.123456789+02:00"},
                        "machine_key":{"type":1,"expiration_date":"2998-06-30T23:59:59Z"}}}
            """;

        var response = await PostAsync(app.CreateClient(), CreatePath, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var created = await response.ReadJsonAsync();
        Assert.False(string.IsNullOrEmpty(created.GetProperty("pat").GetString()));
        var keyFile = Bootstrap.Domain.Setup.MachineKeyFile.FromBase64(created.GetProperty("machineKey").GetString()!);
        Assert.Equal("2998-06-30T23:59:59Z", keyFile.ExpirationDate);
        var bot = await app.QueryAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.UserName == "snake-bot"));
        var token = await app.QueryAsync(db => db.ApiTokens.IgnoreQueryFilters().SingleAsync(t => t.UserId == bot.Id));
        var expected = new DateTime(2999, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567);
        Assert.True(Math.Abs((DateTime.SpecifyKind(token.ExpiresAt!.Value, DateTimeKind.Utc) - expected).TotalMilliseconds) < 1, $"{token.ExpiresAt:O}");
    }

    [Theory]
    [InlineData("\"2999-01-01\"")]
    [InlineData("\"2999-01-01T00:00:00\"")]
    [InlineData("\"2999-01-01 00:00:00Z\"")]
    [InlineData("\"2999-01-01T00:00:00.1234567890Z\"")]
    [InlineData("\"2999-02-30T00:00:00Z\"")]
    [InlineData("32503680000")]
    public async Task ExpirationDateThatIsNoRfc3339Timestamp_ShouldAnswer400AndWriteNothing(string expiration)
    {
        await using var app = await SetUpAppAsync();
        var before = await UserCountAsync(app);

        var response = await PostAsync(app.CreateClient(), CreatePath,
            """{"instanceName":"Late","customDomain":"late.test","machine":{"userName":"robot","name":"Robot","personalAccessToken":{"expirationDate":""" + expiration + "}}}");

        Assert.Contains("google.protobuf.Timestamp", await AssertInvalidArgumentAsync(response));
        Assert.Equal(before, await UserCountAsync(app));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AddInstanceInProtoFieldNames_ShouldBeReadLikeJsonNames(DatabaseProvider provider)
    {
        await using var app = await SetUpAppAsync(provider);
        const string body = """
            {"instance_name":"Flat","first_org_name":"Flat Org","custom_domain":"flat.test","default_language":"it","owner_user_name":"flat-owner",
             "owner_email":{"email":"owner@flat.test","is_email_verified":true},"owner_profile":{"first_name":"Flo","last_name":"Flat","preferred_language":"es"},
             "owner_password":{"password":"Sec-ret-123!","password_change_required":false}}
            """;

        var response = await PostAsync(app.CreateClient(), AddPath, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var owner = await app.QueryAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.UserName == "flat-owner"));
        Assert.Equal(("Flo", "Flat", "es", true), (owner.FirstName, owner.LastName, owner.PreferredLanguage, owner.EmailConfirmed));
        Assert.Equal("it", (await app.QueryAsync(db => db.Instances.SingleAsync(i => i.CustomDomain == "flat.test"))).DefaultLanguage);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SetUpOrgInProtoFieldNamesWithNumericGender_ShouldBeReadLikeJsonNames(DatabaseProvider provider)
    {
        await using var app = await SetUpAppAsync(provider);
        var pat = (await (await app.CreateClient().PostSystemAsync(CreatePath, ZitadelFixtures.CreateInstance("second.test"))).ReadJsonAsync())
            .GetProperty("pat").GetString()!;
        const string body = """
            {"org":{"name":"Snake Team","domain":"snake-team.test"},
             "human":{"user_name":"snake-lead","profile":{"first_name":"Sid","last_name":"Snake","nick_name":"sid","display_name":"Sid Snake",
                                                         "preferred_language":"en","gender":2},
                      "email":{"email":"sid@snake.test","is_email_verified":true},"phone":{"phone":"+41 71 000 00 00","is_phone_verified":true},
                      "password":"Sec-ret-123!"},
             "roles":["ORG_OWNER"]}
            """;

        var response = await PostAsync(app.CreateClientFor("second.test"), SetUpOrgPath, body, token: pat);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lead = await app.QueryAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.UserName == "snake-lead"));
        Assert.Equal(("Sid", "Snake", "sid@snake.test", true), (lead.FirstName, lead.LastName, lead.Email, lead.EmailConfirmed));
        Assert.Equal("Snake Team", (await app.QueryAsync(db => db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Name == "Snake Team"))).Name);
    }

    [Theory]
    [InlineData("9")]
    [InlineData("-1")]
    [InlineData("true")]
    public async Task SetUpOrgWithAnUndefinedGender_ShouldAnswer400AndWriteNothing(string gender)
    {
        await using var app = await SetUpAppAsync();
        var pat = (await (await app.CreateClient().PostSystemAsync(CreatePath, ZitadelFixtures.CreateInstance("second.test"))).ReadJsonAsync())
            .GetProperty("pat").GetString()!;
        var before = await UserCountAsync(app);

        var response = await PostAsync(app.CreateClientFor("second.test"), SetUpOrgPath,
            """{"org":{"name":"Team"},"human":{"userName":"gigi","profile":{"firstName":"Gigi","lastName":"Giraffe","gender":""" + gender + """},"email":{"email":"gigi@team.test"}}}""",
            token: pat);

        await AssertInvalidArgumentAsync(response);
        Assert.Equal(before, await UserCountAsync(app));
    }

    [Fact]
    public async Task UnknownFieldsAndUnknownEnumNames_ShouldBeIgnoredAsZitadelsGatewayDoes()
    {
        await using var app = await SetUpAppAsync();

        var response = await PostAsync(app.CreateClient(), CreatePath,
            $$$"""{"instanceName":"Lenient","customDomain":"lenient.test","futureField":{"x":[1,2]},"InstanceName":"ignored","machine":{"userName":"robot","name":"Robot","colour":"blue"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Lenient", (await app.QueryAsync(db => db.Instances.SingleAsync(i => i.CustomDomain == "lenient.test"))).Name);
    }

    [Theory]
    [InlineData("""{"instanceName":"A","instance_name":"B","customDomain":"dup.test","machine":{"userName":"robot","name":"Robot"}}""", "instance_name")]
    [InlineData("""{"instanceName":"A","customDomain":"dup.test","machine":{"userName":"robot","user_name":"bot","name":"Robot"}}""", "user_name")]
    public async Task FieldGivenTwice_ShouldAnswer400NamingItAndWriteNothing(string body, string field)
    {
        await using var app = await SetUpAppAsync();

        var response = await PostAsync(app.CreateClient(), CreatePath, body);

        Assert.Contains($"duplicate field \"{field}\"", await AssertInvalidArgumentAsync(response));
        Assert.Equal(1, await app.CountAsync<Instance>());
    }

    [Theory]
    [InlineData("""{"instanceName":12,"customDomain":"typed.test","machine":{"userName":"robot","name":"Robot"}}""", "string field instanceName")]
    [InlineData("""{"instanceName":"T","customDomain":"typed.test","human":{"userName":"o","email":{"email":"o@t.test","isEmailVerified":"true"},"profile":{"firstName":"O","lastName":"T"}}}""", "bool field isEmailVerified")]
    [InlineData("""{"instanceName":"T","customDomain":"typed.test","machine":"robot"}""", "unexpected token \"robot\"")]
    public async Task FieldOfTheWrongType_ShouldAnswer400NamingItAndWriteNothing(string body, string expected)
    {
        await using var app = await SetUpAppAsync();

        var response = await PostAsync(app.CreateClient(), CreatePath, body);

        Assert.Contains(expected, await AssertInvalidArgumentAsync(response));
        Assert.Equal(1, await app.CountAsync<Instance>());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/octet-stream")]
    [InlineData(null)]
    public async Task JsonDeclaredAsAnyContentType_ShouldBeReadAsJsonOnEveryDoor(string? contentType)
    {
        await using var app = await SetUpAppAsync();
        var client = app.CreateClient();

        var created = await PostAsync(client, CreatePath, """{"instanceName":"Typed","customDomain":"typed.test","machine":{"userName":"robot","name":"Robot","personalAccessToken":{}}}""", contentType);
        var added = await PostAsync(client, AddPath,
            """{"instanceName":"Flat","customDomain":"flat.test","ownerUserName":"flat","ownerEmail":{"email":"f@flat.test"},"ownerProfile":{"firstName":"F","lastName":"L"}}""",
            contentType);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var pat = (await created.ReadJsonAsync()).GetProperty("pat").GetString()!;
        var org = await PostAsync(app.CreateClientFor("typed.test"), SetUpOrgPath,
            """{"org":{"name":"Team"},"human":{"userName":"gigi","profile":{"firstName":"Gigi","lastName":"Giraffe"},"email":{"email":"gigi@team.test"}}}""",
            contentType, pat);
        Assert.Equal(HttpStatusCode.OK, org.StatusCode);
    }

    [Theory]
    [InlineData("text/plain", "not json")]
    [InlineData("application/x-www-form-urlencoded", "instanceName=Form&customDomain=form.test")]
    [InlineData(null, "{\"instanceName\":")]
    [InlineData("application/json", "[]")]
    [InlineData("application/json", "null")]
    [InlineData("application/json", "")]
    public async Task BodyThatIsNotAJsonObject_ShouldAnswer400InZitadelsFormatWhateverItsContentType(string? contentType, string body)
    {
        await using var app = await SetUpAppAsync();
        var client = app.CreateClient();
        var pat = (await (await client.PostSystemAsync(CreatePath, ZitadelFixtures.CreateInstance("second.test"))).ReadJsonAsync()).GetProperty("pat").GetString()!;
        var before = (await app.CountAsync<Instance>(), await UserCountAsync(app), await app.CountAsync<Organization>());

        await AssertInvalidArgumentAsync(await PostAsync(client, CreatePath, body, contentType));
        await AssertInvalidArgumentAsync(await PostAsync(client, AddPath, body, contentType));
        await AssertInvalidArgumentAsync(await PostAsync(app.CreateClientFor("second.test"), SetUpOrgPath, body, contentType, pat));

        Assert.Equal(before, (await app.CountAsync<Instance>(), await UserCountAsync(app), await app.CountAsync<Organization>()));
    }

    [Fact]
    public async Task OversizedBodyDeclaredAsText_ShouldAnswer400InZitadelsFormat()
    {
        await using var app = await SetUpAppAsync();
        var body = $$$"""{"instanceName":"{{{new string('x', 100 * 1024)}}}","machine":{"userName":"robot","name":"Robot"}}""";

        var response = await PostAsync(app.CreateClient(), CreatePath, body, "text/plain");

        Assert.Contains("exceeds the limit", await AssertInvalidArgumentAsync(response));
        Assert.Equal(1, await app.CountAsync<Instance>());
    }
}
