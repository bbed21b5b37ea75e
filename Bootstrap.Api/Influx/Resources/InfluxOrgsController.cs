using Bootstrap.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Influx.Resources;

[ApiController]
[Authorize]
[Route("api/v2/orgs")]
public sealed class InfluxOrgsController(OrganizationAccess access) : ControllerBase
{
    [HttpGet]
    public async Task<InfluxOrgList> List(
        [FromQuery] string? org,
        [FromQuery(Name = "orgID")] string? orgId,
        CancellationToken cancellationToken)
    {
        var query = await access.VisibleOrganizationsAsync(User, org, orgId, cancellationToken);
        var orgs = await query.OrderBy(o => o.Number).Take(100).ToListAsync(cancellationToken);
        return new InfluxOrgList(new("/api/v2/orgs"), orgs.Select(InfluxPresenter.Org).ToList());
    }
}
