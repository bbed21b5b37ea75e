using Bootstrap.Api.Data;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Bootstrap.Api.Auth;

/// <summary>
/// Identity's store, telling <see cref="IAuthenticationChanges"/> after it saved a changed or deleted
/// user (password, security stamp, lockout, removal), because token authentication hands out the
/// user row it cached along with the token.
/// </summary>
public sealed class AuthenticationChangingUserStore(BootstrapDbContext context, IAuthenticationChanges authenticationChanges, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<User, BootstrapDbContext, Guid>(context, describer)
{
    public override async Task<IdentityResult> UpdateAsync(User user, CancellationToken cancellationToken = default) =>
        Told(await base.UpdateAsync(user, cancellationToken));

    public override async Task<IdentityResult> DeleteAsync(User user, CancellationToken cancellationToken = default) =>
        Told(await base.DeleteAsync(user, cancellationToken));

    private IdentityResult Told(IdentityResult result)
    {
        if (result.Succeeded)
        {
            authenticationChanges.Committed();
        }
        return result;
    }
}
