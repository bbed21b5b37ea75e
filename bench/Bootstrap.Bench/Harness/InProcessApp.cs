using System.Data.Common;
using Bootstrap.Api;
using Bootstrap.Api.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bootstrap.Bench.Harness;

/// <summary>
/// The app's own service registrations (<c>AddBootstrapApi</c>) without a web server, on one SQLite
/// file, so the bench times the real domain and query code in-process, free of HTTP noise.
/// </summary>
public sealed class InProcessApp : IDisposable
{
    private readonly IHost _host;

    private InProcessApp(IHost host, SqlCapture sql)
    {
        _host = host;
        Sql = sql;
    }

    public IServiceProvider Services => _host.Services;

    /// <summary>Every SELECT the app sends while <see cref="SqlCapture.Enabled"/>.</summary>
    public SqlCapture Sql { get; }

    public static InProcessApp Create(string databasePath, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Bootstrap"] = $"Data Source={databasePath}",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddBootstrapApi(builder.Configuration);
        var sql = new SqlCapture();
        builder.Services.AddSingleton<IInterceptor>(sql);
        configure?.Invoke(builder.Services);
        return new InProcessApp(builder.Build(), sql);
    }

    /// <summary>Creates a database with every migration applied and nothing set up.</summary>
    public static async Task CreateMigratedDatabaseAsync(string databasePath)
    {
        using var app = Create(databasePath);
        await using var scope = app.Services.CreateAsyncScope();
        await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<BootstrapDbContext>(), NullLogger.Instance, CancellationToken.None);
    }

    /// <summary>Replaces <paramref name="target"/> (and its WAL) with a copy of <paramref name="source"/>.</summary>
    public static void CopyDatabase(string source, string target)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            File.Delete(target + suffix);
            if (File.Exists(source + suffix))
            {
                File.Copy(source + suffix, target + suffix);
            }
        }
        File.Copy(source, target, overwrite: true);
    }

    public void Dispose()
    {
        _host.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private sealed class NullLogger : ILogger
    {
        public static readonly NullLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => false;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}

public sealed record CapturedCommand(string Text, IReadOnlyList<(string Name, object? Value)> Parameters);

public sealed class SqlCapture : DbCommandInterceptor
{
    private readonly List<CapturedCommand> _commands = [];

    public bool Enabled { get; set; }

    public IReadOnlyList<CapturedCommand> Take()
    {
        lock (_commands)
        {
            var taken = _commands.ToList();
            _commands.Clear();
            return taken;
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Capture(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Capture(command);
        return ValueTask.FromResult(result);
    }

    private void Capture(DbCommand command)
    {
        if (!Enabled)
        {
            return;
        }
        var parameters = command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList();
        lock (_commands)
        {
            _commands.Add(new CapturedCommand(command.CommandText, parameters));
        }
    }
}
