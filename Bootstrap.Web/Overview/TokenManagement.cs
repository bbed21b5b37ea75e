using Bootstrap.Api.Tenancy;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Tokens;

namespace Bootstrap.Web.Overview;

/// <summary>
/// The overview page's door onto <see cref="TokenService"/>: a Blazor circuit outlives its request, so
/// each action runs in a scope of the instance the page is routed to, on the wizard's audit channel.
/// </summary>
public sealed class TokenManagement(InstanceScopes scopes)
{
    /// <exception cref="InvalidTokenRequestException">The description or the expiry is not acceptable.</exception>
    public async Task<IssuedToken> CreateAsync(
        Guid instanceId, Guid userId, Guid organizationId, string description, DateTime? expiresAt, string? remoteAddress,
        CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.For(instanceId);
        return await scope.ServiceProvider.GetRequiredService<TokenService>().IssueAsync(
            new TokenRequest(userId, organizationId, description, expiresAt), WizardContext(remoteAddress), cancellationToken);
    }

    /// <returns>False when the token does not exist or was already revoked.</returns>
    public async Task<bool> RevokeAsync(Guid instanceId, Guid userId, Guid tokenId, string? remoteAddress, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.For(instanceId);
        return await scope.ServiceProvider.GetRequiredService<TokenService>().RevokeAsync(tokenId, userId, WizardContext(remoteAddress), cancellationToken);
    }

    // The UI is the wizard's door, so its actions are recorded on that channel.
    private static SetupContext WizardContext(string? remoteAddress) => new(SetupChannel.Wizard, remoteAddress);
}
