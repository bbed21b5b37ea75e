using System.Data.Common;
using Bootstrap.Api.Startup;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bootstrap.Api.Data;

/// <summary>
/// Creates the database if it does not exist and applies pending EF Core migrations, under the
/// <see cref="DatabaseStartupLock"/>, before the server serves its first request: of processes
/// starting together on one database, exactly one migrates and the others wait and find nothing to do.
/// With <see cref="DatabaseOptions.MigrateAtStart"/> false the server only checks: another process
/// (the <c>migrate</c> verb) applies them, and <see cref="DatabaseSchema"/> notices.
/// </summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, DatabaseSchema schema, ILogger<DatabaseMigrator> logger)
    : IStartupStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateAtStart)
        {
            await MigrateAsync(cancellationToken);
            schema.MarkMigrated();
            return;
        }
        await CheckAsync(cancellationToken);
    }

    /// <summary>
    /// Never fails the start: a replica that starts before the Job has created or migrated the database
    /// serves its probes (503) and turns ready by itself, rather than restart in a loop.
    /// </summary>
    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> pending;
        try
        {
            pending = await GetPendingMigrationsAsync(cancellationToken);
        }
        catch (DbException exception)
        {
            logger.LogWarning(
                "Database:MigrateAtStart is false and the database cannot be read ({Reason}): not ready until it answers with every migration applied; run `migrate` if it has not run",
                exception.Message);
            return;
        }
        if (pending.Count == 0)
        {
            schema.MarkMigrated();
            logger.LogInformation("Database ready ({Provider}); no migration pending (Database:MigrateAtStart is false: checked, not applied)", ProviderName());
            return;
        }
        logger.LogWarning(
            "{Count} database migration(s) pending and Database:MigrateAtStart is false, so this server does not apply them: run `migrate` (Bootstrap.Web migrate, e.g. as a Kubernetes Job). Until then /ready and /health/ready answer 503 and requests that need the database 503; the setup code is created once the migrations are applied",
            pending.Count);
    }

    private string? ProviderName()
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<BootstrapDbContext>().Database.ProviderName;
    }

    /// <summary>The migrations the database lacks (all of them when it does not exist yet), oldest first.</summary>
    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BootstrapDbContext>();
        return (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
    }

    /// <summary>Migrates under the lock, whatever <see cref="DatabaseOptions.MigrateAtStart"/> says; returns the migrations this process applied.</summary>
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
