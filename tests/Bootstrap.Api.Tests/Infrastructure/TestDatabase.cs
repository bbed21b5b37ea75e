using Bootstrap.Api.Data;
using Bootstrap.Api.Data.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Sdk;

namespace Bootstrap.Api.Tests.Infrastructure;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>An empty database of one provider, which one or more app instances (replicas) share.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static TestDatabase Sqlite(string path) => new(DatabaseProvider.Sqlite, $"Data Source={path}");

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => Sqlite(BootstrapApiFactory.NewDatabasePath()),
        _ => new(DatabaseProvider.Postgres, await (await PostgresServer.GetAsync()).CreateDatabaseAsync()),
    };

    /// <summary>A context of the app's own model on this database, outside any app.</summary>
    public BootstrapDbContext NewContext() => Provider == DatabaseProvider.Sqlite
        ? new BootstrapDbContext(new DbContextOptionsBuilder<BootstrapDbContext>().UseSqlite(ConnectionString).Options, new CurrentInstance())
        : new PostgresBootstrapDbContext(new DbContextOptionsBuilder<PostgresBootstrapDbContext>().UseNpgsql(ConnectionString).Options, new CurrentInstance());

    /// <summary>A copy of this database as it is now (a backup, or an attacker's copy), which the caller disposes.</summary>
    public async Task<TestDatabase> CopyAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            return new(DatabaseProvider.Postgres, await (await PostgresServer.GetAsync()).CopyDatabaseAsync(ConnectionString));
        }
        var copy = Sqlite(BootstrapApiFactory.NewDatabasePath());
        await using (var source = new SqliteConnection(ConnectionString))
        await using (var destination = new SqliteConnection(copy.ConnectionString))
        {
            await source.OpenAsync();
            await destination.OpenAsync();
            source.BackupDatabase(destination);
        }
        SqliteConnection.ClearAllPools();
        return copy;
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            BootstrapApiFactory.DeleteDatabase(new SqliteConnectionStringBuilder(ConnectionString).DataSource);
        }
        else
        {
            await (await PostgresServer.GetAsync()).DropDatabaseAsync(ConnectionString);
        }
    }
}

/// <summary>Runs a theory on SQLite: <c>[Theory, OnSqlite, OnPostgres]</c> on a method taking a <see cref="DatabaseProvider"/>.</summary>
public sealed class OnSqliteAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [[DatabaseProvider.Sqlite]];
}

/// <summary>
/// Runs a theory on PostgreSQL. Where PostgreSQL is not installed the test fails, saying why, rather
/// than being skipped: a run that leaves out the scale-out database must not pass.
/// </summary>
public sealed class OnPostgresAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [[DatabaseProvider.Postgres]];
}
