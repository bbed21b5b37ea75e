using Bootstrap.Api.Common;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Security;
using Bootstrap.Domain.Validation;
using Microsoft.AspNetCore.Identity;

namespace Bootstrap.Api.Security;

/// <summary>
/// A user changes their own password with the current one, then is signed in: how a user whose
/// password must be changed (Zitadel's <c>passwordChangeRequired</c>) gets their first session. The
/// new password follows the configured <see cref="PasswordPolicy"/>, as every password set here does.
/// Only the sign-in pages' form calls it, so it is audited as the <c>wizard</c> channel (a person in this
/// server's own pages), as the form sign-in is.
/// </summary>
public sealed class PasswordChange(
    UserManager<User> users, SignInManager<User> signInManager, PasswordPolicy policy, DummyPasswordHash dummyHash, AuditTrail audit)
{
    public async Task<PasswordChangeResult> ChangeAndSignInAsync(string userName, string currentPassword, string newPassword)
    {
        var user = await users.FindByNameAsync(userName);
        if (user?.PasswordHash is null)
        {
            dummyHash.Verify(users.PasswordHasher, currentPassword);
            return PasswordChangeResult.Refused;
        }
        // The current password is checked first and counts towards the lockout, like a sign-in.
        var check = await signInManager.CheckPasswordSignInAsync(user, currentPassword, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            await audit.RecordAsync("password.changed", false, userName, check.IsLockedOut ? "locked out" : "wrong current password", SetupChannel.Wizard);
            return PasswordChangeResult.Refused;
        }

        var unmet = policy.Evaluate(newPassword, userName).Where(r => !r.Met).Select(r => r.Message).ToList();
        if (!TextRules.IsPrintable(newPassword))
        {
            unmet.Add("password must not contain control characters");
        }
        if (unmet.Count > 0)
        {
            return PasswordChangeResult.Weak(unmet);
        }
        if (newPassword == currentPassword)
        {
            return PasswordChangeResult.Weak(["the new password must differ from the current one"]);
        }

        var wasRequired = user.PasswordChangeRequired;
        user.PasswordChangeRequired = false;
        // Also renews the security stamp, which ends every other session of this user.
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded)
        {
            return PasswordChangeResult.Weak(changed.Errors.Select(e => e.Description).ToList());
        }
        await audit.RecordAsync("password.changed", true, user.UserName, wasRequired ? "required change at first sign-in" : null, SetupChannel.Wizard);
        await signInManager.SignInAsync(user, isPersistent: false);
        return PasswordChangeResult.Changed;
    }
}

/// <param name="UnmetRules">Why the new password was refused; empty otherwise.</param>
public sealed record PasswordChangeResult(bool Succeeded, bool CurrentPasswordRefused, IReadOnlyList<string> UnmetRules)
{
    public static readonly PasswordChangeResult Changed = new(true, false, []);
    public static readonly PasswordChangeResult Refused = new(false, true, []);

    public static PasswordChangeResult Weak(IReadOnlyList<string> unmetRules) => new(false, false, unmetRules);
}
