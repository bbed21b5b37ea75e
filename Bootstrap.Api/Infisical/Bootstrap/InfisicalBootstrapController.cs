using Bootstrap.Api.Common;
using Bootstrap.Api.Security;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Infisical;
using Bootstrap.Domain.Setup;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Bootstrap.Api.Infisical.Bootstrap;

/// <summary>Infisical's instance bootstrap; shares the one-shot first run with every other setup door.</summary>
[ApiController]
[AllowAnonymous]
[Route("api/v1/admin/bootstrap")]
public sealed class InfisicalBootstrapController(SetupService setup, IValidator<InfisicalBootstrapRequest> validator) : ControllerBase
{
    [HttpPost]
    [RequireSetupClaim]
    [EnableRateLimiting(RateLimiting.Setup)]
    [ProducesResponseType<InfisicalBootstrapResponse>(StatusCodes.Status200OK)]
    public async Task<InfisicalBootstrapResponse> Bootstrap([FromBody] InfisicalBootstrapRequest request, CancellationToken cancellationToken)
    {
        if (!(await setup.GetFirstRunStatusAsync(cancellationToken)).Allowed)
        {
            throw new SetupAlreadyCompletedException();
        }
        await validator.ValidateAndThrowAsync(request, cancellationToken);
        var result = await setup.CompleteFirstRunAsync(
            request.ToCommand(), HttpContext.SetupContext(), cancellationToken);
        return InfisicalBootstrapResponse.From(result);
    }
}

public sealed record InfisicalBootstrapResponse(
    string Message,
    InfisicalBootstrapResponse.UserPart User,
    InfisicalBootstrapResponse.OrganizationPart Organization,
    InfisicalBootstrapResponse.IdentityPart Identity)
{
    public static InfisicalBootstrapResponse From(SetupResult result)
    {
        var identity = result.Machine!;
        return new(
            "Successfully bootstrapped instance",
            new(result.Admin.UserName!, result.Admin.FirstName, result.Admin.LastName, result.Admin.Email, result.Admin.Id, result.Admin.IsSuperAdmin),
            new(result.Organization.Id, result.Organization.Name, result.Organization.Slug),
            new(identity.User.Id, identity.User.DisplayName!, new(identity.Pat.Secret)));
    }

    public sealed record UserPart(string Username, string? FirstName, string? LastName, string? Email, Guid Id, bool SuperAdmin);

    public sealed record OrganizationPart(Guid Id, string Name, string Slug);

    public sealed record IdentityPart(Guid Id, string Name, CredentialsPart Credentials);

    public sealed record CredentialsPart(string Token);
}
