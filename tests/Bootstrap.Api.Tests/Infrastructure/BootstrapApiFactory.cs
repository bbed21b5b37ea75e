using Bootstrap.Api.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bootstrap.Api.Tests.Infrastructure;

/// <summary>The real host on a fresh database (SQLite by default) with migrations applied by the app itself.</summary>
public sealed class BootstrapApiFactory : WebApplicationFactory<Program>
{
    /// <summary>At least 32 characters, or the app refuses to start.</summary>
    public const string SystemToken = "system-api-test-credential-0123456789abcdef";

    private readonly Action<IServiceCollection>? _configureServices;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly bool _ownsDatabase;

    /// <param name="settings">Configuration keys for the app, e.g. a FirstRun section; by default only the system API credential.</param>
    /// <param name="databasePath">An existing SQLite database to start on (a restart); the caller deletes it.</param>
    /// <param name="database">A database of either provider shared with other instances (replicas); the caller disposes it.</param>
    public BootstrapApiFactory(
        Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        string? databasePath = null,
        TestDatabase? database = null)
    {
        _configureServices = configureServices;
        _settings = settings ?? new Dictionary<string, string?> { ["SystemApi:Token"] = SystemToken };
        _ownsDatabase = databasePath is null && database is null;
        Database = database ?? TestDatabase.Sqlite(databasePath ?? NewDatabasePath());
    }

    /// <summary>The app on a fresh database of <paramref name="provider"/>, which it deletes when disposed.</summary>
    public static async Task<BootstrapApiFactory> OnAsync(DatabaseProvider provider, Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string?>? settings = null) =>
        new(configureServices, settings, database: await TestDatabase.CreateAsync(provider), ownsDatabase: true);

    private BootstrapApiFactory(Action<IServiceCollection>? configureServices, IReadOnlyDictionary<string, string?>? settings, TestDatabase database, bool ownsDatabase)
        : this(configureServices, settings, database: database) => _ownsDatabase = ownsDatabase;

    public TestDatabase Database { get; }

    /// <summary>The SQLite file (SQLite only).</summary>
    public string DatabasePath => Database.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnectionStringBuilder(Database.ConnectionString).DataSource
        : throw new InvalidOperationException("Only a SQLite database is a file.");

    public CapturedLogs Logs { get; } = new();

    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), $"bootstrap-test-{Guid.NewGuid():N}.db");

    public string ConnectionString => Database.ConnectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Bootstrap", ConnectionString);
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (_configureServices is not null)
        {
            builder.ConfigureTestServices(_configureServices);
        }
    }

    /// <summary>A client whose requests carry <paramref name="host"/>, which routes them to that host's instance.</summary>
    public HttpClient CreateClientFor(string host) =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{host}") });

    /// <summary>
    /// Completes the first run (Influx onboarding), which every API beyond the setup doors waits for,
    /// and returns the operator token.
    /// </summary>
    public async Task<string> CompleteFirstRunAsync()
    {
        var response = await CreateClient().PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding());
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("auth").GetProperty("token").GetString()!;
    }

    /// <summary>A scope on the app's own DbContext, for asserting on what was persisted.</summary>
    public async Task<T> QueryAsync<T>(Func<BootstrapDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BootstrapDbContext>());
    }

    public Task<int> CountAsync<TEntity>() where TEntity : class =>
        QueryAsync(db => db.Set<TEntity>().IgnoreQueryFilters().CountAsync());

    /// <summary>The database file (and its WAL) as raw bytes, to prove a secret is not in it.</summary>
    public byte[] ReadDatabaseBytes()
    {
        SqliteConnection.ClearAllPools();
        var bytes = new List<byte>();
        foreach (var path in new[] { DatabasePath, DatabasePath + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            bytes.AddRange(memory.ToArray());
        }
        return bytes.ToArray();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }

    public static void DeleteDatabase(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
        {
            File.Delete(path + suffix);
        }
    }
}
