using Bootstrap.Api.Startup;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.Security;

/// <summary>Creates (or retires) the claim token at start, after the migrations ran.</summary>
public sealed class SetupClaimInitializer(IServiceScopeFactory scopes) : IStartupStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SetupClaim>().PrepareAsync(cancellationToken);
    }
}
