using Bootstrap.Api.Common;
using Bootstrap.Api.Security;
using Bootstrap.Domain.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Bootstrap.Web.Account;

/// <summary>
/// Plain form posts for signing in and out: a Blazor circuit cannot set cookies, a normal HTTP
/// response can. Form binding makes these endpoints require a valid antiforgery token.
/// </summary>
public static class AccountEndpoints
{
    public const string SignInPath = "/account/signin";
    public const string SignOutPath = "/account/signout";
    public const string ChangePasswordPath = "/account/password";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(SignInPath, SignInAsync).RequireRateLimiting(RateLimiting.SignIn);
        endpoints.MapPost(SignOutPath, SignOutAsync);
        endpoints.MapPost(ChangePasswordPath, ChangePasswordAsync).RequireRateLimiting(RateLimiting.SignIn);
        return endpoints;
    }

    private static async Task<IResult> SignInAsync([FromForm] SignInForm form, SignInManager<User> signInManager, AuditTrail audit)
    {
        var returnUrl = IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/";
        if (string.IsNullOrWhiteSpace(form.UserName) || string.IsNullOrEmpty(form.Password))
        {
            return Results.LocalRedirect(SignInPage.Url("missing", returnUrl));
        }

        var userName = form.UserName.Trim();
        var result = await signInManager.PasswordSignInAsync(userName, form.Password, isPersistent: false, lockoutOnFailure: true);
        var passwordChangeRequired = result is PasswordChangeRequiredResult;
        await audit.RecordAsync("signin", result.Succeeded, userName,
            result.IsLockedOut ? "locked out" : passwordChangeRequired ? "password change required" : null,
            SetupChannel.Wizard);
        if (passwordChangeRequired)
        {
            return Results.LocalRedirect(ChangePasswordPage.Url(userName, error: null, returnUrl));
        }
        // A locked-out account gets the wrong-password answer: a distinct one would tell which names exist.
        return result.Succeeded
            ? Results.LocalRedirect(returnUrl)
            : Results.LocalRedirect(SignInPage.Url("invalid", returnUrl));
    }

    private static async Task<IResult> ChangePasswordAsync([FromForm] ChangePasswordForm form, PasswordChange passwordChange)
    {
        var returnUrl = IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/";
        var userName = form.UserName?.Trim() ?? "";
        if (userName.Length == 0 || string.IsNullOrEmpty(form.CurrentPassword) || string.IsNullOrEmpty(form.NewPassword))
        {
            return Results.LocalRedirect(ChangePasswordPage.Url(userName, "missing", returnUrl));
        }
        if (form.NewPassword != form.ConfirmPassword)
        {
            return Results.LocalRedirect(ChangePasswordPage.Url(userName, "mismatch", returnUrl));
        }

        var result = await passwordChange.ChangeAndSignInAsync(userName, form.CurrentPassword, form.NewPassword);
        return result switch
        {
            { Succeeded: true } => Results.LocalRedirect(returnUrl),
            { CurrentPasswordRefused: true } => Results.LocalRedirect(ChangePasswordPage.Url(userName, "invalid", returnUrl)),
            _ => Results.LocalRedirect(ChangePasswordPage.Url(userName, "weak", returnUrl)),
        };
    }

    private static async Task<IResult> SignOutAsync([FromForm] SignOutForm _, SignInManager<User> signInManager)
    {
        await signInManager.SignOutAsync();
        return Results.LocalRedirect(SignInPage.Url(error: null, returnUrl: null));
    }

    /// <summary>Only same-site paths, so the form cannot be used to bounce a signed-in user elsewhere.</summary>
    /// <summary>A path on this site: not "//host" or "/\\host", which browsers read as another site.</summary>
    internal static bool IsLocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    public sealed class SignInForm
    {
        public string? UserName { get; set; }
        public string? Password { get; set; }
        public string? ReturnUrl { get; set; }
    }

    public sealed class ChangePasswordForm
    {
        public string? UserName { get; set; }
        public string? CurrentPassword { get; set; }
        public string? NewPassword { get; set; }
        public string? ConfirmPassword { get; set; }
        public string? ReturnUrl { get; set; }
    }

    /// <summary>Empty: binding a form is what makes the endpoint check the antiforgery token.</summary>
    public sealed class SignOutForm;
}
