using System.Net.Http.Headers;
using System.Text;
using Bootstrap.Api.Common;
using Bootstrap.Api.Security;
using Bootstrap.Domain.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Bootstrap.Api.Influx.Signin;

/// <summary>InfluxDB session sign-in: HTTP Basic in, session cookie out.</summary>
[ApiController]
[AllowAnonymous]
[Route("api/v2")]
public sealed class InfluxSigninController(SignInManager<User> signInManager, AuditTrail audit) : ControllerBase
{
    [HttpPost("signin")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [EnableRateLimiting(RateLimiting.SignIn)]
    public async Task<IActionResult> SignInWithBasic()
    {
        if (!TryReadBasic(Request.Headers.Authorization.ToString(), out var userName, out var password))
        {
            throw new ApiException(ApiError.Unauthorized());
        }
        var result = await signInManager.PasswordSignInAsync(userName, password, isPersistent: false, lockoutOnFailure: true);
        var passwordChangeRequired = result is PasswordChangeRequiredResult;
        await audit.RecordAsync("signin", result.Succeeded, userName,
            result.IsLockedOut ? "locked out" : passwordChangeRequired ? PasswordChangeRequiredMessage : null);
        if (passwordChangeRequired)
        {
            // InfluxDB has no such flow: the password was right, but no session is issued until it is changed (on /signin).
            throw new ApiException(new ApiError(ErrorKind.Forbidden, PasswordChangeRequiredMessage));
        }
        if (!result.Succeeded)
        {
            throw new ApiException(ApiError.Unauthorized());
        }
        return NoContent();
    }

    public const string PasswordChangeRequiredMessage = "password change required: choose a new password on the sign-in page first";

    [HttpPost("signout")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> EndSession()
    {
        await signInManager.SignOutAsync();
        return NoContent();
    }

    private static bool TryReadBasic(string header, out string userName, out string password)
    {
        userName = password = string.Empty;
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !value.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
            || value.Parameter is null)
        {
            return false;
        }
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
            var colon = decoded.IndexOf(':');
            if (colon <= 0)
            {
                return false;
            }
            (userName, password) = (decoded[..colon], decoded[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
