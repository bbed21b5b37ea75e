using Bootstrap.Api.Common;
using Bootstrap.Api.Security;
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
public sealed class SetupController(SetupService setup, IValidator<SetupRequest> validator) : ControllerBase
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
}
