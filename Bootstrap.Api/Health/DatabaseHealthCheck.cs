using System.Data.Common;
using Bootstrap.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bootstrap.Api.Health;

/// <summary>
/// The database answers and has every migration this build knows. Checked on each probe, not only until
/// first seen migrated: a database replaced or removed under the running server turns it unready again.
/// </summary>
public sealed class DatabaseHealthCheck(BootstrapDbContext db, DatabaseSchema schema) : IHealthCheck
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
            if (pending > 0)
            {
                return HealthCheckResult.Unhealthy($"{pending} migration(s) pending: run `migrate`");
            }
            return await schema.ConfirmMigratedAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"reachable ({db.Database.ProviderName}), migrations applied")
                : HealthCheckResult.Unhealthy("a start-up step that waited for the migrations failed");
        }
        catch (DbException)
        {
            return HealthCheckResult.Unhealthy("unreadable");
        }
    }
}
