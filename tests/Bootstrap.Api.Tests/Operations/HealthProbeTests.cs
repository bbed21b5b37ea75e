using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Bootstrap.Api.KeyRing;
using Bootstrap.Api.Tests.Infrastructure;
using Npgsql;

namespace Bootstrap.Api.Tests.Operations;

/// <summary><c>/health/live</c> and <c>/health/ready</c>, the probe names Kubernetes users expect.</summary>
public sealed class HealthProbeTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task HealthProbes_ShouldAnswerWithoutCredentialsBeforeAndAfterSetupAndNameNoConnectionDetail(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);
        var client = app.CreateClient();

        foreach (var phase in new[] { "before setup", "after setup" })
        {
            var live = await client.GetAsync("/health/live");
            var ready = await client.GetAsync("/health/ready");

            Assert.True(live.StatusCode == HttpStatusCode.OK, $"{phase}: /health/live answered {(int)live.StatusCode}");
            Assert.True(ready.StatusCode == HttpStatusCode.OK, $"{phase}: /health/ready answered {(int)ready.StatusCode}: {await ready.Content.ReadAsStringAsync()}");
            Assert.Equal(["process"], ChecksOf(await live.ReadJsonAsync()).Keys);
            var checks = ChecksOf(await ready.ReadJsonAsync());
            Assert.Equal(["database", "keyRing", "startup"], checks.Keys.Order(StringComparer.Ordinal));
            Assert.All(checks.Values, status => Assert.Equal("Healthy", status));
            Assert.Equal("nosniff", ready.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-store", ready.Headers.CacheControl?.ToString());
            var body = await ready.Content.ReadAsStringAsync();
            Assert.DoesNotContain(ConnectionDetail(app), body, StringComparison.OrdinalIgnoreCase);
            if (phase == "before setup")
            {
                await app.CompleteFirstRunAsync();
            }
        }
    }

    [Fact]
    public async Task HealthReady_ShouldAnswer503WhileLiveStays200WhenMigrationsArePending()
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        BootstrapApiFactory.DeleteDatabase(app.DatabasePath);
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var json = await ready.ReadJsonAsync();
        Assert.Equal("Unhealthy", json.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", ChecksOf(json)["database"]);
        Assert.DoesNotContain(app.DatabasePath, await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task HealthReady_ShouldAnswer503OnAReplicaWhoseKeyRingKeyDiffersFromItsPeers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = new BootstrapApiFactory(settings: WithKeyRingKey(), database: database);
        await using var second = new BootstrapApiFactory(settings: WithKeyRingKey(), database: database);
        Assert.Equal(HttpStatusCode.OK, (await first.CreateClient().GetAsync("/health/ready")).StatusCode);

        var ready = await second.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var checks = ChecksOf(await ready.ReadJsonAsync());
        Assert.Equal("Unhealthy", checks["keyRing"]);
        Assert.Equal("Healthy", checks["database"]);
    }

    private static Dictionary<string, string?> WithKeyRingKey() => new()
    {
        ["SystemApi:Token"] = BootstrapApiFactory.SystemToken,
        [KeyRingProtection.KeySetting] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyRingKey.SizeInBytes)),
    };

    private static Dictionary<string, string?> ChecksOf(JsonElement body) =>
        body.GetProperty("checks").EnumerateObject().ToDictionary(check => check.Name, check => check.Value.GetProperty("status").GetString());

    /// <summary>What would locate the database: the SQLite file's path, or the PostgreSQL database's name.</summary>
    private static string ConnectionDetail(BootstrapApiFactory app) => app.Database.Provider == DatabaseProvider.Sqlite
        ? app.DatabasePath
        : new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
}
