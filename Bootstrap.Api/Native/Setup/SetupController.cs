using Bootstrap.Api.Common;
using Bootstrap.Api.Security;
using Bootstrap.Api.Security.Callers;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Bootstrap.Api.Native.Setup;

/// <summary>The product's own superset setup request, sent by the wizard, the CLI and the FirstRun config.</summary>
[ApiController]
[AllowAnonymous]
[Route("api/setup")]
public sealed class SetupController(SetupService setup, IValidator<SetupRequest> validator, ClaimExemption exemption) : ControllerBase
{
    [HttpGet]
    public async Task<SetupStatusResponse> GetStatus(CancellationToken cancellationToken)
    {
        var status = await setup.GetFirstRunStatusAsync(cancellationToken);
        return new(status.Allowed, status.CompletedAt, status.Channel?.ToWire());
    }

    [HttpPost]
    [RequireSetupClaim]
    [EnableRateLimiting(RateLimiting.Setup)]
    [ProducesResponseType<SetupResponse>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Complete([FromBody] SetupRequest request, CancellationToken cancellationToken)
    {
        await validator.ValidateAndThrowAsync(request, cancellationToken);
        var result = await setup.CompleteFirstRunAsync(
            request.ToCommand(), HttpContext.SetupContext(), cancellationToken);
        return StatusCode(StatusCodes.Status201Created, SetupResponse.From(result));
    }

    /// <summary>
    /// Checks a setup code without using it up, so the wizard can refuse a wrong one on its first step.
    /// The code goes in the X-Setup-Token header, as on every native setup request: the claim filter then
    /// judges it exactly as it judges a setup, with the same audit, metric and failure limiter, and no body
    /// (so no content type) is involved.
    /// </summary>
    [HttpPost("claim/verify")]
    [RequireSetupClaim]
    [EnableRateLimiting(RateLimiting.Setup)]
    [ProducesResponseType<ClaimVerificationResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<ClaimVerificationResponse> VerifyClaim(CancellationToken cancellationToken)
    {
        if (!(await setup.GetFirstRunStatusAsync(cancellationToken)).Allowed)
        {
            throw new SetupAlreadyCompletedException();
        }
        return new(Required: !exemption.Applies(HttpContext.Caller()));
    }
}
