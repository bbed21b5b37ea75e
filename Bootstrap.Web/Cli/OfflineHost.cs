using Bootstrap.Api;
using Bootstrap.Api.Data;
using Microsoft.Extensions.Logging.Console;

namespace Bootstrap.Web.Cli;

/// <summary>
/// The server's services without a web server, for the verbs that work on the database directly:
/// the same configuration sources, the same <c>AddBootstrapApi</c> registrations.
/// </summary>
public sealed class OfflineHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly AsyncServiceScope _scope;

    private OfflineHost(IHost host)
    {
        _host = host;
        _scope = host.Services.CreateAsyncScope();
    }

    /// <summary>Services of one unit of work (scoped DbContext, SetupService, ...).</summary>
    public IServiceProvider Services => _scope.ServiceProvider;

    /// <summary>Migrations applied first, whatever <c>Database:MigrateAtStart</c> says: the verb works on the tables.</summary>
    public static async Task<OfflineHost> StartAsync(CancellationToken cancellationToken)
    {
        var host = Open();
        try
        {
            await host.Get<DatabaseMigrator>().MigrateAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Without touching the database (nothing created or migrated): for <c>migrate</c>, which decides what to apply, and for backup and restore.</summary>
    public static OfflineHost Open()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
                ?? Environments.Production,
        });
        // Diagnostics go to stderr and only when they matter: stdout carries the verb's result (--json).
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter<ConsoleLoggerProvider>(category: null, LogLevel.Warning);
        // A verb reports a database failure itself, in one line; EF Core's own error entry would add a stack trace.
        builder.Logging.AddFilter<ConsoleLoggerProvider>("Microsoft.EntityFrameworkCore", LogLevel.None);
        builder.Services.AddBootstrapApi(builder.Configuration);
        return new OfflineHost(builder.Build());
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        _host.Dispose();
    }
}
