using System.Data.Common;
using Bootstrap.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bootstrap.Api.Health;

/// <summary>The database answers and has every migration this build knows.</summary>
public sealed class DatabaseHealthCheck(BootstrapDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("unreachable");
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy($"reachable ({db.Database.ProviderName}), migrations applied")
                : HealthCheckResult.Unhealthy($"{pending} migration(s) pending");
        }
        catch (DbException)
        {
            return HealthCheckResult.Unhealthy("unreadable");
        }
    }
}
