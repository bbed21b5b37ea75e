using Bootstrap.Api.Startup;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bootstrap.Api.Data;

/// <summary>
/// Creates the database if it does not exist and applies pending EF Core migrations, under the
/// <see cref="DatabaseStartupLock"/>, before the server serves its first request: of processes
/// starting together on one database, exactly one migrates and the others wait and find nothing to do.
/// </summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, ILogger<DatabaseMigrator> logger) : IStartupStep
{
    public async Task RunAsync(CancellationToken cancellationToken) => await MigrateAsync(cancellationToken);

    /// <summary>The migrations the database lacks (all of them when it does not exist yet), oldest first.</summary>
    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BootstrapDbContext>();
        return (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
    }

    /// <summary>Migrates under the lock; returns the migrations this process applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await MigrateAsync(scope.ServiceProvider.GetRequiredService<BootstrapDbContext>(), logger, cancellationToken);
    }

    public static async Task<IReadOnlyList<string>> MigrateAsync(BootstrapDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            SqliteFiles.PrepareOwnerOnly(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
        }

        List<string> pending;
        await using (await DatabaseStartupLock.AcquireAsync(db.Database, logger, cancellationToken))
        {
            await PostgresFirstStart.PrepareAsync(db.Database, cancellationToken);
            // Read under the lock: a process that waited finds what the lock's previous holder applied.
            pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                // Migrate also diffs the model against the migrations' snapshot, which costs a restart
                // a second model build; with nothing to apply there is nothing to check it for.
                await db.Database.MigrateAsync(cancellationToken);
            }
            if (db.Database.IsSqlite())
            {
                // WAL lets readers (GET /api/v2/setup, token lookups) proceed while a setup transaction writes.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
        }
        logger.LogInformation("Database ready ({Provider}); {Count} migration(s) applied at start", db.Database.ProviderName, pending.Count);
        return pending;
    }
}
