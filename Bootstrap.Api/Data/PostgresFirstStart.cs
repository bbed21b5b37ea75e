using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Bootstrap.Api.Data;

/// <summary>
/// Creates an absent PostgreSQL database and EF Core's empty migrations history table before EF Core looks
/// for them. EF Core finds out that they are missing by failing, and logs each failure at Error level
/// (<c>Microsoft.EntityFrameworkCore.Database.Connection[20004]</c> for 3D000, database does not exist;
/// <c>Database.Command[20102]</c> for 42P01, relation "__EFMigrationsHistory" does not exist), so an operator
/// read two <c>fail</c> lines on every normal first start. Checked quietly here, nothing fails. SQLite needs
/// none of this: opening creates the file, and EF Core checks its history table without failing.
/// </summary>
public static class PostgresFirstStart
{
    /// <summary>Runs under <see cref="DatabaseStartupLock"/>, so that of processes starting together only one creates anything.</summary>
    public static async Task PrepareAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        if (!database.IsNpgsql())
        {
            return;
        }
        var connectionString = new NpgsqlConnectionStringBuilder(database.GetConnectionString()) { Pooling = false }.ConnectionString;
        if (!await ExistsAsync(connectionString, cancellationToken))
        {
            await database.GetService<IRelationalDatabaseCreator>().CreateAsync(cancellationToken);
        }

        // On connections of its own, outside EF Core, whose checks are not logged as failures; EF Core's
        // own history check is the query that fails.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var historyExists = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection);
        historyExists.Parameters.AddWithValue("table", $"\"{HistoryRepository.DefaultTableName}\"");
        if (!(bool)(await historyExists.ExecuteScalarAsync(cancellationToken))!)
        {
            await using var create = new NpgsqlCommand(database.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<bool> ExistsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (PostgresException missing) when (missing.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return false;
        }
    }
}
