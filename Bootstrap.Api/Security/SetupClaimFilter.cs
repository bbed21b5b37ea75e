using Bootstrap.Api.Common;
using Bootstrap.Domain.Setup;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Bootstrap.Api.Security;

/// <summary>Guards a first-run endpoint with the setup claim token.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequireSetupClaimAttribute(bool acceptAuthorizationHeader = false) : TypeFilterAttribute(typeof(SetupClaimFilter))
{
    /// <summary>InfluxDB clients can only send the token as <c>Authorization: Token …</c>.</summary>
    public bool AcceptAuthorizationHeader { get; } = acceptAuthorizationHeader;
}

/// <summary>
/// Runs before the body is read. Once the instance is set up the endpoint answers "already set up"
/// itself, so the check is skipped. Failures are audited, and too many from one address become
/// 429. A successful setup retires the token file.
/// </summary>
public sealed class SetupClaimFilter(SetupClaim claim, SetupService setup, ClaimFailureLimiter limiter, AuditTrail audit, ApiErrorMappers errors)
    : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        var attribute = context.ActionDescriptor.EndpointMetadata.OfType<RequireSetupClaimAttribute>().Single();
        if ((await setup.GetFirstRunStatusAsync(http.RequestAborted)).Allowed
            && !await claim.IsSatisfiedAsync(http, attribute.AcceptAuthorizationHeader))
        {
            await audit.RecordAsync("setup.claim.failed", succeeded: false, detail: "missing or wrong claim token");
            context.Result = new ApiResultAdapter(limiter.TryAcquire(http, out var retryAfter)
                ? errors.For(http).Map(new ApiError(ErrorKind.Unauthorized, $"a valid setup claim token is required: send it as {SetupClaim.HeaderName}"))
                : RateLimiting.TooManyRequests(http, errors, retryAfter));
            return;
        }

        await next();
        if (http.Response.StatusCode is >= 200 and < 300)
        {
            claim.RetireTokenFile();
        }
    }
}
