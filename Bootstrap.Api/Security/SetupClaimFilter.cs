using System.Text.Json;
using Bootstrap.Api.Common;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Bootstrap.Api.Security;

/// <summary>Guards a first-run endpoint with the setup code (the claim token).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequireSetupClaimAttribute(bool acceptAuthorizationHeader = false, bool acceptBodyToken = false) : TypeFilterAttribute(typeof(SetupClaimFilter))
{
    /// <summary>InfluxDB clients can only send the token as <c>Authorization: Token …</c>.</summary>
    public bool AcceptAuthorizationHeader { get; } = acceptAuthorizationHeader;

    /// <summary>
    /// The unmodified <c>influx setup</c> CLI sends no headers of its own, only <c>--token</c> as the body's
    /// <c>token</c>: the setup code given there opens the door and becomes the operator token.
    /// </summary>
    public bool AcceptBodyToken { get; } = acceptBodyToken;

    public string Hint => (AcceptAuthorizationHeader, AcceptBodyToken) switch
    {
        (true, true) => $"send the setup code in the {SetupClaim.HeaderName} header, as Authorization: Token <setup code>, or as the body's token (influx setup --token)",
        (true, false) => $"send the setup code in the {SetupClaim.HeaderName} header or as Authorization: Token <setup code>",
        _ => $"send the setup code in the {SetupClaim.HeaderName} header",
    };
}

/// <summary>
/// Runs before the body is bound (where the body's token counts, it reads the body once and keeps
/// it for the action). Once the instance is set up the endpoint answers "already set up"
/// itself, so the check is skipped. Failures are audited, and too many from one address become
/// 429. Once the first run is done, the setup code's file goes; an endpoint that only checks the code
/// (<c>POST /api/setup/claim/verify</c>) leaves the run open, so the code stays usable.
/// </summary>
public sealed class SetupClaimFilter(
    SetupClaim claim, SetupService setup, ClaimFailureLimiter limiter, AuditTrail audit, ApiErrorMappers errors, BootstrapMetrics metrics)
    : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        var attribute = context.ActionDescriptor.EndpointMetadata.OfType<RequireSetupClaimAttribute>().Single();
        if ((await setup.GetFirstRunStatusAsync(http.RequestAborted)).Allowed
            && !await claim.IsSatisfiedAsync(http, attribute.AcceptAuthorizationHeader, attribute.AcceptBodyToken ? await ReadBodyTokenAsync(http.Request) : null))
        {
            await audit.RecordAsync("setup.claim.failed", succeeded: false, detail: "missing or wrong setup code");
            metrics.ClaimFailed(BootstrapMetrics.DoorOf(http.SetupContext()));
            context.Result = new ApiResultAdapter(limiter.TryAcquire(http, out var retryAfter)
                ? errors.For(http).Map(new ApiError(ErrorKind.Unauthorized, $"a valid setup code is required (the server's log names the file that holds it): {attribute.Hint}"))
                : RateLimiting.TooManyRequests(http, errors, retryAfter, BootstrapMetrics.ClaimFailureLimit));
            return;
        }

        await next();
        // Even if the caller hung up after its setup succeeded, the file of a dead code must go.
        if (http.Response.StatusCode is >= 200 and < 300 && !(await setup.GetFirstRunStatusAsync(CancellationToken.None)).Allowed)
        {
            claim.RetireTokenFile();
        }
    }

    /// <summary>The body's top-level <c>token</c> string; a body that is not such JSON simply carries none (the action judges it later).</summary>
    private static async Task<string?> ReadBodyTokenAsync(HttpRequest request)
    {
        var body = await request.ReadOnceAsync();
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("token", out var token)
                && token.ValueKind == JsonValueKind.String
                    ? token.GetString()
                    : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
