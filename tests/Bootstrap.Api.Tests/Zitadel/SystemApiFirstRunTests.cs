using System.Net;
using System.Net.Http.Json;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Tests.Zitadel;

/// <summary>The system API on a fresh installation: CreateInstance and AddInstance perform the first run.</summary>
public sealed class SystemApiFirstRunTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bootstrap-system-first-run-").FullName;

    private string ClaimTokenPath => Path.Combine(_folder, "setup-token");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Claims required from everyone and every request from another machine: the system credential alone must do.</summary>
    private Task<BootstrapApiFactory> FreshAppAsync(DatabaseProvider provider) => BootstrapApiFactory.OnAsync(provider, RemotePeerStartupFilter.Install(),
        new Dictionary<string, string?>
        {
            ["SystemApi:Token"] = BootstrapApiFactory.SystemToken,
            ["Setup:ClaimMode"] = "Required",
            ["Setup:ClaimTokenPath"] = ClaimTokenPath,
            ["RateLimits:SetupPerMinute"] = "100000",
        });

    [Theory, OnSqlite, OnPostgres]
    public async Task CreateInstanceOnAFreshInstallation_ShouldCompleteTheFirstRunWithoutTheClaimToken(DatabaseProvider provider)
    {
        await using var app = await FreshAppAsync(provider);
        var client = app.CreateClient();
        Assert.True(File.Exists(ClaimTokenPath));

        var response = await client.PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var first = await app.QueryAsync(db => db.Instances.SingleAsync(i => i.Id == Instance.FirstId));
        Assert.Equal(first.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), body.GetProperty("instanceId").GetString());
        Assert.Equal("Second", first.Name);
        Assert.NotNull(first.SetupCompletedAt);
        var creationDate = body.GetProperty("details").GetProperty("creationDate").GetDateTime();
        Assert.InRange(creationDate, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
        Assert.Null(first.ClaimTokenHash);
        Assert.False(File.Exists(ClaimTokenPath));
        Assert.Equal(1, await app.CountAsync<Instance>());

        Assert.False((await (await client.GetAsync("/api/v2/setup")).ReadJsonAsync()).GetProperty("allowed").GetBoolean());
        var status = await (await client.GetAsync("/api/setup")).ReadJsonAsync();
        Assert.False(status.GetProperty("allowed").GetBoolean());
        Assert.Equal("api", status.GetProperty("channel").GetString());
        var audit = await app.QueryAsync(db => db.AuditEvents.IgnoreQueryFilters().SingleAsync(a => a.Action == "setup.completed"));
        Assert.Equal(Instance.FirstId, audit.InstanceId);
        Assert.Contains("door=zitadel CreateInstance", audit.Detail);

        var influx = await client.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding());
        Assert.Equal((HttpStatusCode)422, influx.StatusCode);

        var setUpOrg = await client.PostBearerAsync("/admin/v1/orgs/_setup", SetUpOrgBody("Team"), body.GetProperty("pat").GetString()!);
        Assert.Equal(HttpStatusCode.OK, setUpOrg.StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task AddInstanceOnAFreshInstallation_ShouldCompleteTheFirstRunAndNameItsDoor(DatabaseProvider provider)
    {
        await using var app = await FreshAppAsync(provider);
        var body = new Dictionary<string, object?>
        {
            ["instanceName"] = "Flat", ["ownerUserName"] = "flat-owner", ["ownerEmail"] = new { email = "owner@flat.test" },
            ["ownerProfile"] = new { firstName = "Flo", lastName = "Flat" }, ["ownerPassword"] = new { password = ZitadelFixtures.StrongPassword },
        };

        var response = await app.CreateClient().PostSystemAsync("/system/v1/instances", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var audit = await app.QueryAsync(db => db.AuditEvents.IgnoreQueryFilters().SingleAsync(a => a.Action == "setup.completed"));
        Assert.Contains("door=zitadel AddInstance", audit.Detail);
        Assert.Equal(1, await app.CountAsync<Instance>());
        Assert.Equal(HttpStatusCode.NoContent, (await app.CreateClient().SignInAsync("flat-owner", ZitadelFixtures.StrongPassword)).StatusCode);
    }

    [Fact]
    public async Task CreateInstanceOnAFreshInstallationWithoutTheSystemCredential_ShouldAnswer401AndLeaveTheFirstRunOpen()
    {
        await using var app = await FreshAppAsync(DatabaseProvider.Sqlite);
        var client = app.CreateClient();

        var response = await client.PostJsonAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(16, (await response.ReadJsonAsync()).GetProperty("code").GetInt32());
        Assert.True((await (await client.GetAsync("/api/v2/setup")).ReadJsonAsync()).GetProperty("allowed").GetBoolean());
        Assert.Equal(0, await app.CountAsync<User>());
    }

    [Fact]
    public async Task InvalidCreateInstanceOnAFreshInstallation_ShouldWriteNothingAndLeaveTheFirstRunOpen()
    {
        await using var app = await FreshAppAsync(DatabaseProvider.Sqlite);
        var client = app.CreateClient();

        var response = await client.PostSystemAsync("/system/v1/instances/_create", new { instanceName = "X" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await (await client.GetAsync("/api/v2/setup")).ReadJsonAsync()).GetProperty("allowed").GetBoolean());
        Assert.Equal(0, await app.CountAsync<User>());
        Assert.Equal(0, await app.CountAsync<Organization>());
        Assert.True(File.Exists(ClaimTokenPath));
    }

    /// <summary>Every other first-run door: its path, a body naming its organization "org…", its success and its "already set up" status.</summary>
    private static readonly (string Path, Func<int, object> Body, HttpStatusCode Success, HttpStatusCode AlreadySetUp)[] OtherDoors =
    [
        ("/api/v2/setup", i => new { username = $"admin{i}", password = Requests.Password, org = $"org-influx{i}", bucket = "telemetry" },
            HttpStatusCode.Created, (HttpStatusCode)422),
        ("/api/setup", i => new
            {
                organization = $"org-native{i}",
                admin = new { userName = $"native{i}", email = $"native{i}@acme.test", password = Requests.Password },
                bucket = new { name = "telemetry", retentionSeconds = 0 },
            },
            HttpStatusCode.Created, HttpStatusCode.Conflict),
        ("/api/v1/admin/bootstrap", i => new { email = $"boss{i}@acme.test", password = Requests.Password, organization = $"org-infisical{i}" },
            HttpStatusCode.OK, HttpStatusCode.BadRequest),
    ];

    [Theory, OnSqlite, OnPostgres]
    public async Task ConcurrentCreateInstancesAndSetupsOnAFreshInstallation_ShouldCompleteExactlyOneFirstRun(DatabaseProvider provider)
    {
        const int perDoor = 5;
        await using var app = await BootstrapApiFactory.OnAsync(provider, settings: new Dictionary<string, string?>
        {
            ["SystemApi:Token"] = BootstrapApiFactory.SystemToken,
            ["Setup:ClaimTokenPath"] = ClaimTokenPath,
            ["RateLimits:SetupPerMinute"] = "100000",
        });
        var client = app.CreateClient();
        await client.GetAsync("/api/v2/setup");

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<HttpResponseMessage> SendAsync(string path, object body, bool system)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            if (system)
            {
                request.Headers.Authorization = new("Bearer", BootstrapApiFactory.SystemToken);
            }
            await go.Task;
            return await client.SendAsync(request);
        }
        var creates = Enumerable.Range(0, perDoor).Select(i =>
        {
            var body = ZitadelFixtures.CreateInstance($"race{i}.test");
            body["instanceName"] = $"race{i}";
            return SendAsync("/system/v1/instances/_create", body, system: true);
        }).ToList();
        var others = OtherDoors.SelectMany(door => Enumerable.Range(0, perDoor).Select(async i => (Door: door, Response: await SendAsync(door.Path, door.Body(i), system: false)))).ToList();
        go.SetResult();
        var created = await Task.WhenAll(creates);
        var answered = await Task.WhenAll(others);

        // CreateInstance never fails for losing the race: it then creates an additional instance, as after any first run.
        Assert.All(created, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var otherWins = answered.Count(a => a.Response.StatusCode == a.Door.Success);
        Assert.All(answered.Where(a => a.Response.StatusCode != a.Door.Success), a => Assert.Equal(a.Door.AlreadySetUp, a.Response.StatusCode));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.IgnoreQueryFilters().CountAsync(a => a.Action == "setup.completed")));

        var first = await app.QueryAsync(db => db.Instances.SingleAsync(i => i.Id == Instance.FirstId));
        output.WriteLine($"{provider}: the first run went to {first.Name} ({(otherWins == 1 ? "a setup door" : "CreateInstance")})");
        var singleOrg = Assert.Single(await app.QueryAsync(db => db.Organizations.IgnoreQueryFilters().Where(o => o.InstanceId == Instance.FirstId).ToListAsync()));
        if (otherWins == 1)
        {
            Assert.StartsWith("org-", singleOrg.Name);
            Assert.Equal(1 + perDoor, await app.CountAsync<Instance>());
        }
        else
        {
            Assert.Equal(0, otherWins);
            Assert.StartsWith("race", first.Name);
            Assert.Equal(first.Name, singleOrg.Name);
            Assert.Equal(perDoor, await app.CountAsync<Instance>());
        }
        // Every instance holds exactly its own first organization: no partial rows from any loser.
        var orgsPerInstance = await app.QueryAsync(db => db.Organizations.IgnoreQueryFilters().GroupBy(o => o.InstanceId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(await app.CountAsync<Instance>(), orgsPerInstance.Count);
        Assert.All(orgsPerInstance, count => Assert.Equal(1, count));
    }

    private static object SetUpOrgBody(string name) => new
    {
        org = new { name },
        human = new
        {
            userName = "team-lead",
            profile = new { firstName = "Tea", lastName = "Lead" },
            email = new { email = "lead@team.test" },
            password = ZitadelFixtures.StrongPassword,
        },
    };
}
