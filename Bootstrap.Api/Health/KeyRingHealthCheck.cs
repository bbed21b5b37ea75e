using System.Security.Cryptography;
using Bootstrap.Api.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bootstrap.Api.Health;

/// <summary>
/// The data-protection key ring loads from the database, every live key in it opens under this
/// replica's key-ring key, and a value protected now opens again. A replica given another
/// <c>DataProtection:Key</c> than its peers would quietly add a key of its own and reject their
/// cookies; here it is not ready instead.
/// </summary>
public sealed class KeyRingHealthCheck(IDataProtectionProvider dataProtection, IKeyManager keys, DatabaseSchema schema, TimeProvider clock) : IHealthCheck
{
    private const string Probe = "readiness probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // The key ring is a table: reading it before the migrations logs an error with a stack trace per probe.
        // The database check runs beside this one, so this looks itself rather than rely on it having looked.
        if (!await schema.RefreshAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("waiting for the database migrations");
        }
        var protector = dataProtection.CreateProtector("Bootstrap.Health.KeyRing");
        try
        {
            if (protector.Unprotect(protector.Protect(Probe)) != Probe)
            {
                return HealthCheckResult.Unhealthy("a protected value did not round-trip");
            }
        }
        catch (CryptographicException)
        {
            return HealthCheckResult.Unhealthy("the key ring cannot protect and unprotect a value");
        }
        var now = clock.GetUtcNow();
        var unopenable = keys.GetAllKeys().Count(key => !key.IsRevoked && key.ExpirationDate > now && !Opens(key));
        return unopenable == 0
            ? HealthCheckResult.Healthy("usable")
            : HealthCheckResult.Unhealthy($"{unopenable} key(s) of the key ring do not open with this replica's key-ring key (DataProtection:Key or DataProtection:KeyFile)");
    }

    private static bool Opens(IKey key)
    {
        try
        {
            _ = key.Descriptor;
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
