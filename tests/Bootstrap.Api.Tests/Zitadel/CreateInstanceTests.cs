using System.Net;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Microsoft.EntityFrameworkCore;
using static Bootstrap.Api.Tests.Infrastructure.JsonShape;

namespace Bootstrap.Api.Tests.Zitadel;

/// <remarks>The refused-call theories share one set-up app (<see cref="SharedSetUpApp"/>): they write nothing.</remarks>
public sealed class CreateInstanceTests(SharedSetUpApp setUp) : IClassFixture<SharedSetUpApp>
{
    [Fact]
    public async Task CreateInstance_ShouldAnswerTheSeedShapeAndCreateTheOwnerWithBothRoles()
    {
        await using var app = new BootstrapApiFactory();
        await app.CompleteFirstRunAsync();

        var response = await app.CreateClient().PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance("second.test"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        AssertObject(body, new Dictionary<string, string> { ["instanceId"] = DecimalId, ["details"] = Nested, ["pat"] = Text, ["machineKey"] = Text });
        var details = body.GetProperty("details");
        AssertObject(details, new Dictionary<string, string> { ["sequence"] = DecimalId, ["creationDate"] = Text, ["changeDate"] = Text, ["resourceOwner"] = DecimalId });
        Assert.Equal(body.GetProperty("instanceId").GetString(), details.GetProperty("resourceOwner").GetString());
        Assert.True(DateTimeOffset.TryParse(details.GetProperty("creationDate").GetString(), out _));

        var keyFile = MachineKeyFile.FromBase64(body.GetProperty("machineKey").GetString()!);
        Assert.Equal("serviceaccount", keyFile.Type);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", keyFile.Key);
        Assert.Equal("9999-12-31T23:59:59Z", keyFile.ExpirationDate);

        var instanceNumber = long.Parse(body.GetProperty("instanceId").GetString()!);
        var instance = await app.QueryAsync(db => db.Instances.SingleAsync(i => i.Number == instanceNumber));
        Assert.Equal("second.test", instance.CustomDomain);
        Assert.NotNull(instance.SetupCompletedAt);
        var memberships = await app.QueryAsync(db => db.Memberships.IgnoreQueryFilters().Where(m => m.InstanceId == instance.Id).ToListAsync());
        Assert.Equal(2, memberships.Count);
        Assert.Equal(1, memberships.Count(m => m.OrganizationId == null && m.Roles.Contains(Roles.IamOwner)));
        Assert.Equal(1, memberships.Count(m => m.OrganizationId != null && m.Roles.Contains(Roles.OrgOwner)));
        var org = await app.QueryAsync(db => db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.InstanceId == instance.Id));
        Assert.Equal("Second", org.Name);

    }

    [Fact]
    public async Task AddInstance_ShouldAcceptTheDeprecatedFlatOwnerFields()
    {
        await using var app = new BootstrapApiFactory();
        await app.CompleteFirstRunAsync();
        var body = new
        {
            instanceName = "Flat",
            firstOrgName = "Flat Org",
            customDomain = "flat.test",
            ownerUserName = "flat-owner",
            ownerEmail = new { email = "owner@flat.test", isEmailVerified = true },
            ownerProfile = new { firstName = "Flo", lastName = "Flat" },
            ownerPassword = new { password = ZitadelFixtures.StrongPassword },
        };

        var response = await app.CreateClient().PostSystemAsync("/system/v1/instances", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJsonAsync();
        AssertObject(json, new Dictionary<string, string> { ["instanceId"] = DecimalId, ["details"] = Nested });
        var owner = await app.QueryAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.UserName == "flat-owner"));
        Assert.Equal("Flo", owner.FirstName);
        Assert.True(owner.EmailConfirmed);
        Assert.NotNull(owner.PasswordHash);
        Assert.Equal("Flat Org", (await app.QueryAsync(db => db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.InstanceId == owner.InstanceId))).Name);

        var signin = new HttpRequestMessage(HttpMethod.Post, "/api/v2/signin");
        signin.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"flat-owner:{ZitadelFixtures.StrongPassword}")));
        Assert.Equal(HttpStatusCode.NoContent, (await app.CreateClientFor("flat.test").SendAsync(signin)).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-credential")]
    public async Task CreateInstance_WithoutTheSystemCredential_ShouldAnswer401Unauthenticated(string? token)
    {
        var app = setUp.App;
        var client = app.CreateClient();

        var response = token is null
            ? await client.PostJsonAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance())
            : await client.PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance(), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await response.ReadJsonAsync();
        Assert.Equal(16, error.GetProperty("code").GetInt32());
        Assert.Equal("type.googleapis.com/zitadel.v1.ErrorDetail", error.GetProperty("details")[0].GetProperty("@type").GetString());
        Assert.Equal(1, await app.CountAsync<Instance>());
    }

    [Fact]
    public async Task SystemApi_ShouldRefuseEveryoneWhenNoCredentialIsConfigured()
    {
        await using var app = new BootstrapApiFactory(settings: new Dictionary<string, string?>());
        await app.CompleteFirstRunAsync();

        var response = await app.CreateClient().PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance(), token: "");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(16, (await response.ReadJsonAsync()).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task SystemApi_ShouldReadTheCredentialFromTokenFile()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "from-a-file-of-at-least-32-characters\n");
        try
        {
            await using var app = new BootstrapApiFactory(settings: new Dictionary<string, string?> { ["SystemApi:TokenFile"] = file });
            await app.CompleteFirstRunAsync();

            var response = await app.CreateClient().PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance(), token: "from-a-file-of-at-least-32-characters");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static TheoryData<string, object, string> InvalidRequests => new()
    {
        { "no owner", new { instanceName = "X" }, "an owner is required" },
        { "no name", new { instanceName = "", machine = new { userName = "m", name = "M" } }, "instance name" },
        { "weak password", new { instanceName = "X", human = new { userName = "h", email = new { email = "h@x.io" }, profile = new { firstName = "H", lastName = "X" }, password = new { password = "alllowercase" } } }, "uppercase" },
        { "bad email", new { instanceName = "X", human = new { userName = "h", email = new { email = "nope" }, profile = new { firstName = "H", lastName = "X" } } }, "email is invalid" },
        { "past PAT expiry", new { instanceName = "X", machine = new { userName = "m", name = "M", personalAccessToken = new { expirationDate = "2020-01-01T00:00:00Z" } } }, "must be in the future" },
        { "past key expiry", new { instanceName = "X", machine = new { userName = "m", name = "M", machineKey = new { type = "KEY_TYPE_JSON", expirationDate = "2020-01-01T00:00:00Z" } } }, "must be in the future" },
        { "bad domain", new { instanceName = "X", customDomain = "not a domain!", machine = new { userName = "m", name = "M" } }, "custom domain" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task InvalidRequest_ShouldAnswer400InvalidArgumentNamingTheRule(string description, object body, string expected)
    {
        var app = setUp.App;

        var response = await app.CreateClient().PostSystemAsync("/system/v1/instances/_create", body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, description);
        var error = await response.ReadJsonAsync();
        Assert.Equal(3, error.GetProperty("code").GetInt32());
        Assert.Contains(expected, error.GetProperty("message").GetString());
        Assert.All(error.GetProperty("details").EnumerateArray(), d => Assert.Equal(["@type", "id", "message"], d.PropertyNames()));
        Assert.Equal(1, await app.CountAsync<Instance>());
    }

    [Fact]
    public async Task WeakPassword_ShouldNameEveryViolatedRule()
    {
        await using var app = new BootstrapApiFactory();
        await app.CompleteFirstRunAsync();
        var body = new { instanceName = "X", human = new { userName = "h", email = new { email = "h@x.io" }, profile = new { firstName = "H", lastName = "X" }, password = new { password = "short" } } };

        var error = await (await app.CreateClient().PostSystemAsync("/system/v1/instances/_create", body)).ReadJsonAsync();

        var ids = error.GetProperty("details").EnumerateArray().Select(d => d.GetProperty("id").GetString()).ToList();
        Assert.Equal(["PASSWORD-length", "PASSWORD-upper", "PASSWORD-digit", "PASSWORD-symbol"], ids);
    }

    [Fact]
    public async Task ReusedCustomDomain_ShouldAnswer409AlreadyExists()
    {
        await using var app = new BootstrapApiFactory();
        await app.CompleteFirstRunAsync();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance("same.test"))).StatusCode);

        var again = await client.PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance("SAME.test"));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(6, (await again.ReadJsonAsync()).GetProperty("code").GetInt32());
        Assert.Equal(2, await app.CountAsync<Instance>());
    }

    [Theory]
    [InlineData("/system/v1/instances/_create")]
    [InlineData("/system/v1/instances")]
    public async Task CustomDomainOfPublicUrl_ShouldAnswer409AlreadyExists(string path)
    {
        await using var app = new BootstrapApiFactory(settings: new Dictionary<string, string?>
        {
            ["SystemApi:Token"] = BootstrapApiFactory.SystemToken,
            ["PublicUrl"] = "https://bootstrap.example.com:8443",
        });
        await app.CompleteFirstRunAsync();
        var body = path.EndsWith("_create", StringComparison.Ordinal)
            ? ZitadelFixtures.CreateInstance("Bootstrap.Example.com")
            : new Dictionary<string, object?> { ["instanceName"] = "Flat", ["customDomain"] = "bootstrap.example.com", ["ownerUserName"] = "flat-owner",
                ["ownerEmail"] = new { email = "owner@flat.test" }, ["ownerProfile"] = new { firstName = "Flo", lastName = "Flat" } };

        var response = await app.CreateClient().PostSystemAsync(path, body);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var error = await response.ReadJsonAsync();
        Assert.Equal(6, error.GetProperty("code").GetInt32());
        Assert.Contains("PublicUrl", error.GetProperty("message").GetString());
        Assert.Equal(1, await app.CountAsync<Instance>());
    }

    [Fact]
    public async Task AddInstanceWithAnotherInstancesDomain_ShouldAnswer409AlreadyExists()
    {
        await using var app = new BootstrapApiFactory();
        await app.CompleteFirstRunAsync();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance("taken.test"))).StatusCode);

        var response = await client.PostSystemAsync("/system/v1/instances", new Dictionary<string, object?>
        {
            ["instanceName"] = "Flat", ["customDomain"] = "taken.test", ["ownerUserName"] = "flat-owner",
            ["ownerEmail"] = new { email = "owner@flat.test" }, ["ownerProfile"] = new { firstName = "Flo", lastName = "Flat" },
        });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(6, (await response.ReadJsonAsync()).GetProperty("code").GetInt32());
        Assert.Equal(2, await app.CountAsync<Instance>());
    }

    [Fact]
    public async Task ConcurrentCreatesWithTheSameDomain_ShouldSucceedExactlyOnce()
    {
        await using var app = new BootstrapApiFactory();
        await app.CompleteFirstRunAsync();
        var client = app.CreateClient();
        await client.GetAsync("/health");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => client.PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance("race.test", human: true, machine: false))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(2, await app.CountAsync<Instance>());
        Assert.Equal(2, await app.CountAsync<Organization>());
        Assert.Equal(2, await app.CountAsync<User>());
    }
}
