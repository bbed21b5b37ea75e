using System.Security.Claims;
using Bootstrap.Api.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bootstrap.Web.Account;

/// <summary>
/// An open circuit keeps the principal its cookie had when it connected; this signs it out within
/// <see cref="RevalidationInterval"/> once the user's security stamp changes (recover-admin), as the
/// cookie itself is refused on the next request.
/// </summary>
public sealed class StampRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> identityOptions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsCurrentAsync(authenticationState.User, cancellationToken);

    /// <summary>True while the principal's security stamp is still its user's.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var claims = identityOptions.Value.ClaimsIdentity;
        if (!Guid.TryParse(principal.FindFirstValue(claims.UserIdClaimType), out var userId))
        {
            return false;
        }
        await using var scope = scopes.CreateAsyncScope();
        // User ids are unique across instances, and a circuit's scope does not know the request's instance.
        var stamp = await scope.ServiceProvider.GetRequiredService<BootstrapDbContext>().Users.IgnoreQueryFilters()
            .Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleOrDefaultAsync(cancellationToken);
        return stamp is not null && stamp == principal.FindFirstValue(claims.SecurityStampClaimType);
    }
}
