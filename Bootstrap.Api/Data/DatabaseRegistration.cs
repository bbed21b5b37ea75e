using Bootstrap.Api.Data.Postgres;
using Bootstrap.Api.KeyRing;
using Bootstrap.Api.Startup;
using Bootstrap.Domain.Setup;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bootstrap.Api.Data;

public static class DatabaseRegistration
{
    public const string ProviderKey = "Database:Provider";

    /// <summary>
    /// The DbContext on the configured provider (<c>Database:Provider</c> = <c>Sqlite</c>, the default,
    /// or <c>Postgres</c>), migrations at start, and data-protection keys in the database so that
    /// every replica can read the others' cookies and antiforgery tokens, encrypted with a key held
    /// outside the database (<see cref="KeyRingProtection"/>).
    /// </summary>
    public static IServiceCollection AddBootstrapDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Bootstrap") ?? BootstrapApiExtensions.DefaultConnectionString;
        var provider = configuration[ProviderKey];
        var dataFolder = DataPaths.Resolve(DefaultDataFolder);
        if (string.IsNullOrEmpty(provider) || provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            connectionString = DataPaths.ResolveSqliteDataSource(connectionString);
            dataFolder = SqliteFolder(connectionString) ?? dataFolder;
            services.AddDbContext<BootstrapDbContext>((services, options) => options
                .UseSqlite(connectionString)
                .AddInterceptors(services.GetServices<IInterceptor>()));
        }
        else if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            services.AddDbContext<BootstrapDbContext, PostgresBootstrapDbContext>((services, options) => options
                .UseNpgsql(connectionString)
                .AddInterceptors(services.GetServices<IInterceptor>()));
        }
        else
        {
            throw new InvalidOperationException($"{ProviderKey} '{provider}' is not supported: use Sqlite or Postgres.");
        }

        services.AddScoped<IBootstrapDb>(provider => provider.GetRequiredService<BootstrapDbContext>());
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.SectionName));
        services.AddSingleton<DatabaseSchema>();
        services.AddStartupStep<DatabaseMigrator>();
        services.AddDataProtection()
            .SetApplicationName("Bootstrap")
            .PersistKeysToDbContext<BootstrapDbContext>();
        services.AddKeyRingProtection(configuration, dataFolder);
        return services;
    }

    /// <summary>Where files beside the database go (the key-ring key) when the database is not a SQLite file.</summary>
    private const string DefaultDataFolder = "data";

    private static string? SqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" ? null : Path.GetDirectoryName(DataPaths.Resolve(dataSource));
    }

    /// <summary>
    /// The framework loads the data-protection key ring while the host starts; API calls never need it,
    /// so it loads with the first cookie or antiforgery token instead: about 150 ms off every start and
    /// the XML stack (~4 MB) out of a process that only serves the API (bench/README.md). Call after
    /// the last registration that adds data protection (Razor components, Identity, antiforgery):
    /// each of them adds the eager load again.
    /// </summary>
    public static IServiceCollection LoadKeyRingOnFirstUse(this IServiceCollection services)
    {
        var eagerLoads = services.Where(IsKeyRingEagerLoad).ToList();
        foreach (var eagerLoad in eagerLoads)
        {
            services.Remove(eagerLoad);
        }
        return services;
    }

    /// <summary>
    /// The eager load is the data-protection assembly's one hosted service; its type is internal, so it is
    /// recognised by the assembly it comes from, not by its name.
    /// </summary>
    private static bool IsKeyRingEagerLoad(ServiceDescriptor descriptor) =>
        descriptor.ServiceType == typeof(IHostedService) && descriptor.ImplementationType?.Assembly == DataProtectionAssembly;

    private static readonly System.Reflection.Assembly DataProtectionAssembly = typeof(KeyManagementOptions).Assembly;
}
