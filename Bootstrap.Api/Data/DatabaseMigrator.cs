using Bootstrap.Api.Startup;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bootstrap.Api.Data;

/// <summary>Applies EF Core migrations before the server serves its first request.</summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, ILogger<DatabaseMigrator> logger) : IStartupStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BootstrapDbContext>();
        await MigrateAsync(db, logger, cancellationToken);
    }

    public static async Task MigrateAsync(BootstrapDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            SqliteFiles.PrepareOwnerOnly(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
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
        logger.LogInformation("Database ready ({Provider}); {Count} migration(s) applied at start", db.Database.ProviderName, pending.Count);
    }
}
