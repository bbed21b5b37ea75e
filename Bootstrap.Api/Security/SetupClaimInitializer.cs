using Bootstrap.Api.Data;
using Bootstrap.Api.Startup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bootstrap.Api.Security;

/// <summary>
/// Creates (or retires) the claim token at start, after the migrations ran. Under the
/// <see cref="DatabaseStartupLock"/>: two processes preparing it at once would each store a hash
/// and write a file, and the last hash and the last file need not be the same process's.
/// With <c>Database:MigrateAtStart</c> false and migrations pending, it runs once they are seen applied.
/// </summary>
public sealed class SetupClaimInitializer(IServiceScopeFactory scopes, ILogger<SetupClaimInitializer> logger) : INeedsMigratedDatabase
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BootstrapDbContext>();
        await using (await DatabaseStartupLock.AcquireAsync(db.Database, logger, cancellationToken))
        {
            await scope.ServiceProvider.GetRequiredService<SetupClaim>().PrepareAsync(cancellationToken);
        }
    }
}
