using Bootstrap.Api.Auth;
using Bootstrap.Api.Common;
using Bootstrap.Api.Zitadel.Json;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Tenancy;
using Bootstrap.Domain.Zitadel;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Bootstrap.Api.Zitadel.Orgs;

/// <summary>Zitadel's admin API SetUpOrg, for an instance owner of the instance the request is routed to.</summary>
[ApiController]
[Authorize(Policy = InstanceOwnerRequirement.PolicyName)]
[Route("admin/v1/orgs/_setup")]
[NoFormValues]
public sealed class SetUpOrgController(OrganizationService organizations, IValidator<SetUpOrgRequest> validator) : ControllerBase
{
    [HttpPost]
    [ProducesResponseType<SetUpOrgResponse>(StatusCodes.Status200OK)]
    public async Task<SetUpOrgResponse> SetUp([ZitadelJsonBody] SetUpOrgRequest request, CancellationToken cancellationToken)
    {
        await validator.ValidateAndThrowAsync(request, cancellationToken);
        var result = await organizations.SetUpOrgAsync(
            request.ToCommand(), HttpContext.SetupContext(), cancellationToken);
        var orgId = Ids.ToZitadelId(result.Organization.Number);
        return new SetUpOrgResponse(ZitadelDetails.Of(result.CreatedAt, orgId), orgId, Ids.ToZitadelId(result.User.Number));
    }
}

public sealed record SetUpOrgResponse(ZitadelDetails Details, string OrgId, string UserId);
