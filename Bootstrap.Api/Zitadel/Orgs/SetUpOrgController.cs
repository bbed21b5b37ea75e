using Bootstrap.Api.Auth;
using Bootstrap.Api.Common;
using Bootstrap.Domain.Zitadel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Bootstrap.Api.Zitadel.Orgs;

/// <summary>Zitadel's admin API SetUpOrg on JSON, for an instance owner of the instance the request is routed to.</summary>
[ApiController]
[Authorize(Policy = InstanceOwnerRequirement.PolicyName)]
[Route("admin/v1/orgs/_setup")]
public sealed class SetUpOrgController(OrgSetUp setUp) : ControllerBase
{
    [HttpPost]
    [ProducesResponseType<SetUpOrgResponse>(StatusCodes.Status200OK)]
    public async Task<SetUpOrgResponse> SetUp([FromBody] SetUpOrgRequest request, CancellationToken cancellationToken)
    {
        var outcome = await setUp.SetUpAsync(request, HttpContext.SetupContext(), cancellationToken);
        return new SetUpOrgResponse(ZitadelDetails.Of(outcome.CreatedAt, outcome.OrgId), outcome.OrgId, outcome.UserId);
    }
}

public sealed record SetUpOrgResponse(ZitadelDetails Details, string OrgId, string UserId);
