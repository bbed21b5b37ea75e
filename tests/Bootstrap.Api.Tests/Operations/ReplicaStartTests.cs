using System.Diagnostics;
using System.Net;
using Bootstrap.Api.Data;
using Bootstrap.Api.Data.Postgres;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Bootstrap.Api.Tests.Operations;

/// <summary>
/// Replicas started at the same moment, as a Deployment with <c>replicas: 2</c> or <c>docker compose up --scale</c>
/// does: real processes, each migrating at start, on a database nobody prepared.
/// </summary>
[Collection(AppProcess.Collection)]
public sealed class ReplicaStartTests(ITestOutputHelper output)
{
    private const int Rounds = 10;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TwoProcessesStartingTogetherOnPostgres_ShouldBothBecomeReadyAndApplyEachMigrationOnce(bool databaseExists)
    {
        var server = await PostgresServer.GetAsync();
        var stopwatch = Stopwatch.StartNew();
        for (var round = 1; round <= Rounds; round++)
        {
            var connectionString = databaseExists
                ? await server.CreateDatabaseAsync()
                : new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = $"bootstrap_test_{Guid.NewGuid():N}" }.ConnectionString;
            try
            {
                using var folder = new TempFolder();
                var environment = new Dictionary<string, string>
                {
                    ["Database__Provider"] = "Postgres",
                    ["ConnectionStrings__Bootstrap"] = connectionString,
                };
                await StartTogetherAndAssertReadyAsync(folder, environment, round);

                await using var db = new PostgresBootstrapDbContext(
                    new DbContextOptionsBuilder<PostgresBootstrapDbContext>().UseNpgsql(connectionString).Options, new CurrentInstance());
                await AssertEachMigrationAppliedOnceAsync(db);
                await AssertClaimTokenFileMatchesTheDatabaseAsync(db, folder);
            }
            finally
            {
                await server.DropDatabaseAsync(connectionString);
            }
        }
        output.WriteLine($"{Rounds} rounds on PostgreSQL (database existed: {databaseExists}) in {stopwatch.Elapsed.TotalSeconds:F1}s");
    }

    [Fact]
    public async Task TwoProcessesStartingTogetherOnOneSqliteFile_ShouldBothBecomeReadyAndApplyEachMigrationOnce()
    {
        var stopwatch = Stopwatch.StartNew();
        for (var round = 1; round <= Rounds; round++)
        {
            using var folder = new TempFolder();
            await StartTogetherAndAssertReadyAsync(folder, new Dictionary<string, string>(), round);

            var database = TestDatabase.Sqlite(folder.File("bootstrap.db"));
            await using (var db = database.NewContext())
            {
                await AssertEachMigrationAppliedOnceAsync(db);
                await AssertClaimTokenFileMatchesTheDatabaseAsync(db, folder);
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        output.WriteLine($"{Rounds} rounds on one SQLite file in {stopwatch.Elapsed.TotalSeconds:F1}s");
    }

    [Fact]
    public async Task ProcessWaitingForTheStartupLock_ShouldBeLiveButNotReadyUntilTheLockIsReleased()
    {
        using var folder = new TempFolder();
        var heldLock = new FileStream(folder.File("bootstrap.db.lock"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        await using var process = AppProcess.Start(AppProcess.Web, folder, output);
        try
        {
            (await PollAsync(process, "/health/live", response => response.StatusCode == HttpStatusCode.OK)).Dispose();
            using var notReady = await PollAsync(process, "/health/ready", _ => true);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            var startup = (await notReady.ReadJsonAsync()).GetProperty("checks").GetProperty("startup");
            Assert.Equal("Unhealthy", startup.GetProperty("status").GetString());
            // The log line may trail the first answer by a moment: the start-up steps run beside Kestrel's start.
            (await PollAsync(process, "/health/ready", _ => process.Output.Contains("Waiting for another process", StringComparison.Ordinal))).Dispose();
        }
        finally
        {
            await heldLock.DisposeAsync();
        }

        (await PollAsync(process, "/health/ready", response => response.StatusCode == HttpStatusCode.OK)).Dispose();
    }

    /// <summary>Polls <paramref name="path"/>, from before the process has reported its endpoint (it does so while the start-up steps still run).</summary>
    private static async Task<HttpResponseMessage> PollAsync(AppProcess process, string path, Func<HttpResponseMessage, bool> until)
    {
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var response = await client.GetAsync(new Uri(process.BaseAddress, path));
                if (until(response))
                {
                    return response;
                }
                response.Dispose();
            }
            catch (InvalidOperationException)
            {
                // The endpoint is not reported yet.
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{path} on {process} never answered as expected.\n{process.Output}");
    }

    /// <summary>Both processes share the folder: the key-ring key file and the claim token file are the replicas' shared volume.</summary>
    private async Task StartTogetherAndAssertReadyAsync(TempFolder folder, IReadOnlyDictionary<string, string> environment, int round)
    {
        await using var first = AppProcess.Start(AppProcess.Web, folder, output, environment);
        await using var second = AppProcess.Start(AppProcess.Web, folder, output, environment);
        foreach (var process in new[] { first, second })
        {
            try
            {
                await process.WaitUntilHealthyAsync();
            }
            catch (Exception failure) when (failure is InvalidOperationException or TimeoutException)
            {
                throw new Xunit.Sdk.XunitException($"Round {round}: {failure.Message}");
            }
        }
        foreach (var process in new[] { first, second })
        {
            foreach (var path in new[] { "/ready", "/health/ready" })
            {
                using var response = await process.Client.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.OK,
                    $"Round {round}: {path} on {process} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{process.Output}");
            }
        }
    }

    private static async Task AssertEachMigrationAppliedOnceAsync(BootstrapDbContext db)
    {
        var applied = await db.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__EFMigrationsHistory\"").ToListAsync();
        Assert.Equal(db.Database.GetMigrations().Order(StringComparer.Ordinal), applied.Order(StringComparer.Ordinal));
    }

    /// <summary>Two processes preparing the claim at once must not leave a file whose token the database does not know.</summary>
    private static async Task AssertClaimTokenFileMatchesTheDatabaseAsync(BootstrapDbContext db, TempFolder folder)
    {
        var hash = await db.Instances.IgnoreQueryFilters().Where(i => i.Id == Instance.FirstId).Select(i => i.ClaimTokenHash).SingleAsync();
        var token = (await File.ReadAllTextAsync(folder.File("data/setup-token"))).Trim();
        Assert.NotNull(hash);
        Assert.True(Secrets.HashEquals(hash, token), "the claim token file holds a token the database does not know");
    }
}
