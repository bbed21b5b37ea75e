using Bootstrap.Api.Data.Postgres;
using Bootstrap.Domain.Setup;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.Data;

public static class DatabaseRegistration
{
    public const string ProviderKey = "Database:Provider";

    /// <summary>
    /// The DbContext on the configured provider (<c>Database:Provider</c> = <c>Sqlite</c>, the default,
    /// or <c>Postgres</c>), migrations at start, and data-protection keys in the database so that
    /// every replica can read the others' cookies and antiforgery tokens.
    /// </summary>
    public static IServiceCollection AddBootstrapDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Bootstrap") ?? BootstrapApiExtensions.DefaultConnectionString;
        var provider = configuration[ProviderKey];
        if (string.IsNullOrEmpty(provider) || provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
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
        services.AddHostedService<DatabaseMigrator>();
        services.AddDataProtection()
            .SetApplicationName("Bootstrap")
            .PersistKeysToDbContext<BootstrapDbContext>();
        return services;
    }
}
