using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bootstrap.Api.Data;

/// <summary>
/// Serializes the start-up work of every process on one database (replicas started together, a
/// <c>migrate</c> run beside a server): creating the database, applying migrations, preparing the
/// claim token. The others wait and then find the work done.
/// <para>
/// PostgreSQL: a session advisory lock, taken on the <c>postgres</c> maintenance database because
/// the target database may not exist yet (advisory locks are per database, so every process must
/// take it on the same one); where that database is closed to the account, on the target database,
/// which then must exist. The key is derived from the target database's name, so installations
/// sharing a server do not wait for one another.
/// SQLite: an exclusive lock on a file beside the database (<c>bootstrap.db.lock</c>).
/// </para>
/// EF Core's own migration lock is not enough: it is taken after EF has created the database
/// (two processes both run CREATE DATABASE: 42P04), and on PostgreSQL it did not stop a second
/// process from replaying the migrations (42704, index does not exist; see docs/operations.md).
/// </summary>
public static class DatabaseStartupLock
{
    private const string MaintenanceDatabase = "postgres";
    private static readonly TimeSpan FilePollInterval = TimeSpan.FromMilliseconds(50);
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Waits for the lock (logging once that it waits); disposing the result releases it.</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(DatabaseFacade database, ILogger logger, CancellationToken cancellationToken)
    {
        var connectionString = database.GetConnectionString()
            ?? throw new InvalidOperationException("The database has no connection string.");
        if (database.IsNpgsql())
        {
            return await AdvisoryLock.AcquireAsync(connectionString, logger, cancellationToken);
        }
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(dataSource) || dataSource == ":memory:"
            ? NoLock.Instance
            : await FileLock.AcquireAsync(Path.GetFullPath(dataSource) + ".lock", logger, cancellationToken);
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class AdvisoryLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public static async Task<AdvisoryLock> AcquireAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
        {
            var target = new NpgsqlConnectionStringBuilder(connectionString);
            var databaseName = target.Database ?? target.Username ?? "";
            var key = KeyFor(databaseName);
            var connection = await OpenAsync(target, cancellationToken);
            try
            {
                if (!await ExecuteAsync<bool>(connection, "SELECT pg_try_advisory_lock(@key)", key, cancellationToken))
                {
                    logger.LogInformation("Waiting for another process starting on database {Database} (advisory lock {Key})", databaseName, key);
                    await ExecuteAsync<object>(connection, "SELECT pg_advisory_lock(@key)", key, cancellationToken);
                }
                return new AdvisoryLock(connection);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        // Closing the unpooled session releases the lock, also when the process dies while holding it.
        public ValueTask DisposeAsync() => connection.DisposeAsync();

        private static async Task<NpgsqlConnection> OpenAsync(NpgsqlConnectionStringBuilder target, CancellationToken cancellationToken)
        {
            var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = MaintenanceDatabase, Pooling = false };
            var connection = new NpgsqlConnection(maintenance.ConnectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                return connection;
            }
            catch (PostgresException refused) when (refused.SqlState is PostgresErrorCodes.InvalidCatalogName
                or PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.InvalidAuthorizationSpecification)
            {
                await connection.DisposeAsync();
            }
            connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            return connection;
        }

        private static async Task<T> ExecuteAsync<T>(NpgsqlConnection connection, string sql, long key, CancellationToken cancellationToken)
        {
            // No timeout: a migration in another process may take longer than a command's default 30 s.
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("key", key);
            return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        private static long KeyFor(string databaseName) =>
            BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"Bootstrap start-up:{databaseName}")));
    }

    /// <summary>On Unix, .NET takes an exclusive <c>flock</c> for <see cref="FileShare.None"/>; the kernel drops it when the process dies.</summary>
    private sealed class FileLock(FileStream file) : IAsyncDisposable
    {
        public static async Task<FileLock> AcquireAsync(string path, ILogger logger, CancellationToken cancellationToken)
        {
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }
            var waiting = false;
            while (true)
            {
                try
                {
                    return new FileLock(new FileStream(path, options));
                }
                catch (IOException) when (File.Exists(path))
                {
                    if (!waiting)
                    {
                        logger.LogInformation("Waiting for another process starting on {Path}", path);
                        waiting = true;
                    }
                }
                await Task.Delay(FilePollInterval, cancellationToken);
            }
        }

        public ValueTask DisposeAsync() => file.DisposeAsync();
    }
}
