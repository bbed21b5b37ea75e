using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bootstrap.Api.Health;

/// <summary>
/// The data-protection key ring loads from the database and opens under this replica's key-ring key:
/// a replica given another <c>DataProtection:Key</c> than its peers fails here instead of rejecting their cookies.
/// </summary>
public sealed class KeyRingHealthCheck(IDataProtectionProvider dataProtection) : IHealthCheck
{
    private const string Probe = "readiness probe";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var protector = dataProtection.CreateProtector("Bootstrap.Health.KeyRing");
        try
        {
            return Task.FromResult(protector.Unprotect(protector.Protect(Probe)) == Probe
                ? HealthCheckResult.Healthy("usable")
                : HealthCheckResult.Unhealthy("a protected value did not round-trip"));
        }
        catch (CryptographicException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the key ring cannot be opened with this replica's key-ring key"));
        }
    }
}
