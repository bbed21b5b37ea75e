using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bootstrap.Api.Security;

/// <summary>
/// Identity's password sign-in, made to cost one password verification whatever the outcome. Identity
/// answers an unknown user name, a user without a password (a machine user) or a locked-out user before
/// hashing anything, so the time an answer takes would tell a caller which names exist.
/// </summary>
public sealed class TimingSafeSignInManager(
    UserManager<User> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<User> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<User>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<User> confirmation,
    DummyPasswordHash dummyHash)
    : SignInManager<User>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user?.PasswordHash is null)
        {
            dummyHash.Verify(UserManager.PasswordHasher, password);
            return SignInResult.Failed;
        }
        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    /// <summary>
    /// Reached only with the right password: a user who must choose a new password (Zitadel's
    /// <c>passwordChangeRequired</c>) gets no session until they have.
    /// </summary>
    protected override Task<SignInResult> SignInOrTwoFactorAsync(User user, bool isPersistent, string? loginProvider = null, bool bypassTwoFactor = false) =>
        user.PasswordChangeRequired
            ? Task.FromResult<SignInResult>(PasswordChangeRequiredResult.Instance)
            : base.SignInOrTwoFactorAsync(user, isPersistent, loginProvider, bypassTwoFactor);

    protected override async Task<SignInResult?> PreSignInCheck(User user)
    {
        var refusal = await base.PreSignInCheck(user);
        if (refusal is not null)
        {
            dummyHash.Verify(UserManager.PasswordHasher, Secrets.NewToken());
        }
        return refusal;
    }
}

/// <summary>The right password of a user who must change it before signing in: not signed in, not a failure either.</summary>
public sealed class PasswordChangeRequiredResult : SignInResult
{
    public static readonly PasswordChangeRequiredResult Instance = new();

    private PasswordChangeRequiredResult() => IsNotAllowed = true;
}

/// <summary>A password hash of nobody, made with the app's own hasher so that verifying against it costs what a real verification costs.</summary>
public sealed class DummyPasswordHash
{
    private static readonly User Nobody = new();
    private string? _hash;

    public void Verify(IPasswordHasher<User> hasher, string password)
    {
        _hash ??= hasher.HashPassword(Nobody, Secrets.NewToken());
        hasher.VerifyHashedPassword(Nobody, _hash, password);
    }
}
