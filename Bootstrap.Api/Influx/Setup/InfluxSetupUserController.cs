using Bootstrap.Api.Auth;
using Bootstrap.Api.Common;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Influx;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Tenancy;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Bootstrap.Api.Influx.Setup;

/// <summary>InfluxDB Cloud's <c>POST /api/v2/setup/user</c>: the operator adds a user with their own org and bucket.</summary>
[ApiController]
[NoFormValues]
[Authorize]
[Route("api/v2/setup/user")]
public sealed class InfluxSetupUserController(OrganizationService organizations, IValidator<InfluxOnboardingRequest> validator) : ControllerBase
{
    [HttpPost]
    [ProducesResponseType<InfluxOnboardingResponse>(StatusCodes.Status201Created)]
    public async Task<IActionResult> AddUser([InfluxJsonBody] InfluxOnboardingRequest request, CancellationToken cancellationToken)
    {
        if (!User.HasTokenKind(TokenKind.Operator))
        {
            throw new ApiException(new ApiError(ErrorKind.Forbidden, "only an operator token may add users"));
        }
        await validator.ValidateAndThrowAsync(request, cancellationToken);
        var command = request.ToCommand();
        var result = await organizations.AddOrgUserAsync(
            new AddOrgUserCommand(command.Admin.UserName, command.Admin.Password, command.OrganizationName, command.Bucket.Name, command.Bucket.RetentionSeconds,
                command.SuppliedOperatorToken),
            HttpContext.SetupContext(),
            cancellationToken);
        return StatusCode(StatusCodes.Status201Created, new InfluxOnboardingResponse(
            InfluxPresenter.User(result.User),
            InfluxPresenter.Bucket(result.Bucket, result.Organization),
            InfluxPresenter.Org(result.Organization),
            InfluxPresenter.Authorization(result.Token.Token, result.Organization, result.User, result.Token.Secret)));
    }
}
