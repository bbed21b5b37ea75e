using Bootstrap.Api.Common;
using Bootstrap.Api.Security;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Influx;
using Bootstrap.Domain.Setup;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Bootstrap.Api.Influx.Setup;

[ApiController]
[NoFormValues]
[AllowAnonymous]
[Route("api/v2/setup")]
public sealed class InfluxSetupController(SetupService setup, IValidator<InfluxOnboardingRequest> validator) : ControllerBase
{
    [HttpGet]
    public async Task<InfluxSetupStatus> GetStatus(CancellationToken cancellationToken) =>
        new((await setup.GetFirstRunStatusAsync(cancellationToken)).Allowed);

    [HttpPost]
    [RequireSetupClaim(acceptAuthorizationHeader: true, acceptBodyToken: true)]
    [EnableRateLimiting(RateLimiting.Setup)]
    [ProducesResponseType<InfluxOnboardingResponse>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Onboard([InfluxJsonBody] InfluxOnboardingRequest request, CancellationToken cancellationToken)
    {
        // Like InfluxDB, "already onboarded" is answered before the body is judged.
        if (!(await setup.GetFirstRunStatusAsync(cancellationToken)).Allowed)
        {
            throw new SetupAlreadyCompletedException();
        }
        await validator.ValidateAndThrowAsync(request, cancellationToken);

        var result = await setup.CompleteFirstRunAsync(
            request.ToCommand(), HttpContext.SetupContext(), cancellationToken);
        return StatusCode(StatusCodes.Status201Created, InfluxPresenter.Onboarding(result));
    }
}
