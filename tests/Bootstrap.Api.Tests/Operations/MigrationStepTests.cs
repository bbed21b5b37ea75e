using System.Net;
using Bootstrap.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bootstrap.Api.Tests.Operations;

/// <summary>
/// Migrations as their own step (issue 15, item 2): the <c>migrate</c> verb of the real executable, and a server
/// started with <c>Database:MigrateAtStart</c> false that only checks, and turns ready once the verb has run.
/// </summary>
[Collection(AppProcess.Collection)]
public sealed class MigrationStepTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task MigrateVerb_ShouldListThePendingMigrationsApplyThemAndThenFindNothingPending(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = new TempFolder();
        var all = await MigrationsOfAsync(database);
        Assert.NotEmpty(all);

        var dryRun = await MigrateAsync(folder, database, "--dry-run");
        Assert.True(dryRun.ExitCode == 1, dryRun.ToString());
        Assert.Equal(all, Lines(dryRun.Stdout));
        Assert.Equal(all, await PendingAsync(database));

        var applied = await MigrateAsync(folder, database);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Equal(all, Lines(applied.Stdout));
        Assert.Contains($"{all.Count} migration(s) applied", applied.Stderr, StringComparison.Ordinal);
        Assert.Empty(await PendingAsync(database));

        var secondDryRun = await MigrateAsync(folder, database, "--dry-run");
        Assert.True(secondDryRun.ExitCode == 0, secondDryRun.ToString());
        Assert.Empty(Lines(secondDryRun.Stdout));
        var secondRun = await MigrateAsync(folder, database);
        Assert.True(secondRun.ExitCode == 0, secondRun.ToString());
        Assert.Empty(Lines(secondRun.Stdout));
        Assert.Contains("up to date", secondRun.Stderr, StringComparison.Ordinal);
    }

    [Theory, OnPostgres]
    public async Task MigrateVerb_ShouldCreateAPostgresDatabaseThatDoesNotExistYet(DatabaseProvider provider)
    {
        await using var existing = await TestDatabase.CreateAsync(provider);
        var missing = new NpgsqlConnectionStringBuilder(existing.ConnectionString) { Database = $"bootstrap_missing_{Guid.NewGuid():N}" }.ConnectionString;
        var server = await PostgresServer.GetAsync();
        using var folder = new TempFolder();
        try
        {
            var result = await BootstrapExecutable.RunAsync(folder, "unused.db", ["migrate"], environment: EnvironmentFor(provider, missing));

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(await MigrationsOfAsync(existing), Lines(result.Stdout));
        }
        finally
        {
            await server.DropDatabaseAsync(missing);
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task MigrateVerb_ShouldExit2WithTheReasonAndNoStackTraceWhenTheDatabaseCannotBeReached(DatabaseProvider provider)
    {
        using var folder = new TempFolder();
        string connectionString;
        if (provider == DatabaseProvider.Postgres)
        {
            await using var database = await TestDatabase.CreateAsync(provider);
            // Port 1: nothing listens there, so the connection is refused at once.
            connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = 1 }.ConnectionString;
        }
        else
        {
            var path = folder.File("bootstrap.db");
            await File.WriteAllTextAsync(path, "this is not a database file, just some text long enough to fill a header page......");
            connectionString = $"Data Source={path}";
        }

        foreach (var args in new[] { new[] { "migrate", "--dry-run" }, ["migrate"] })
        {
            var result = await BootstrapExecutable.RunAsync(folder, "unused.db", args, environment: EnvironmentFor(provider, connectionString));

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.StartsWith("migrate: failed: ", result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
            Assert.Empty(result.Stdout);
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Server_ShouldNotMigrateWhenMigrateAtStartIsFalseAndTurnReadyOnceTheMigrateVerbHasRun(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = new TempFolder();
        var claimTokenPath = folder.File("setup-token");
        var all = await MigrationsOfAsync(database);
        await using var app = new BootstrapApiFactory(database: database, settings: new Dictionary<string, string?>
        {
            ["SystemApi:Token"] = BootstrapApiFactory.SystemToken,
            ["Database:MigrateAtStart"] = "false",
            ["Setup:ClaimTokenPath"] = claimTokenPath,
        });
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/ready")).StatusCode);
        var healthReady = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, healthReady.StatusCode);
        var checks = (await healthReady.ReadJsonAsync()).GetProperty("checks");
        Assert.Equal("Unhealthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("waiting for the database migrations", checks.GetProperty("keyRing").GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(all, await PendingAsync(database));
        Assert.Contains(app.Logs.Entries, entry => entry.Level == LogLevel.Warning
            && entry.Message.Contains($"{all.Count} database migration(s) pending", StringComparison.Ordinal)
            && entry.Message.Contains("run `migrate`", StringComparison.Ordinal));
        Assert.False(File.Exists(claimTokenPath), "the claim token needs the tables: it comes once the migrations are applied");

        var influxSetup = await client.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, influxSetup.StatusCode);
        var influxError = await influxSetup.ReadJsonAsync();
        Assert.Equal("unavailable", influxError.GetProperty("code").GetString());
        Assert.Contains("not migrated yet", influxError.GetProperty("message").GetString(), StringComparison.Ordinal);
        var nativeSetup = await client.PostJsonAsync("/api/setup", Requests.NativeSetup());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, nativeSetup.StatusCode);
        Assert.Contains("not migrated yet", (await nativeSetup.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var wizard = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, wizard.StatusCode);
        Assert.Contains("The database is not migrated yet", await wizard.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var migrate = await MigrateAsync(folder, database);
        Assert.True(migrate.ExitCode == 0, migrate.ToString());

        var ready = await client.GetAsync("/ready");
        Assert.True(ready.StatusCode == HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
        healthReady = await client.GetAsync("/health/ready");
        Assert.True(healthReady.StatusCode == HttpStatusCode.OK, await healthReady.Content.ReadAsStringAsync());
        Assert.True(File.Exists(claimTokenPath), "the claim token is created once the migrations are seen applied");
        Assert.Single(app.Logs.Entries, entry => entry.Message.Contains("The one-time setup code is in " + claimTokenPath, StringComparison.Ordinal));
        await app.CompleteFirstRunAsync();
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task FirstRunSection_ShouldBeAppliedOnceTheMigrateVerbHasRunWhenMigrateAtStartIsFalse(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = new TempFolder();
        var settings = Headless.FirstRunTests.FirstRunSettings(folder);
        settings["Database:MigrateAtStart"] = "false";
        settings["Setup:ClaimTokenPath"] = folder.File("setup-token");
        await using var app = new BootstrapApiFactory(database: database, settings: settings);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.False(File.Exists(folder.File("secrets/operator")), "the FirstRun section needs the tables");

        var migrate = await MigrateAsync(folder, database);
        Assert.True(migrate.ExitCode == 0, migrate.ToString());

        var ready = await client.GetAsync("/health/ready");
        Assert.True(ready.StatusCode == HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
        Assert.True(File.Exists(folder.File("secrets/operator")), "the FirstRun section is applied before the probe answers 200");
        var status = await (await client.GetAsync("/api/setup")).ReadJsonAsync();
        Assert.Equal("config", status.GetProperty("channel").GetString());
        var operatorToken = (await File.ReadAllTextAsync(folder.File("secrets/operator"))).Trim();
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/me", operatorToken)).StatusCode);
    }

    private static Task<ProcessResult> MigrateAsync(TempFolder folder, TestDatabase database, params string[] options) =>
        BootstrapExecutable.RunAsync(folder, "unused.db", ["migrate", .. options], environment: EnvironmentFor(database.Provider, database.ConnectionString));

    /// <summary>The same keys a server reads; the SQLite default beside the executable is never used.</summary>
    private static Dictionary<string, string?> EnvironmentFor(DatabaseProvider provider, string connectionString) => new()
    {
        ["Database__Provider"] = provider.ToString(),
        ["ConnectionStrings__Bootstrap"] = connectionString,
    };

    private static async Task<List<string>> MigrationsOfAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return [.. db.Database.GetMigrations()];
    }

    private static async Task<List<string>> PendingAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return [.. await db.Database.GetPendingMigrationsAsync()];
    }

    private static List<string> Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
