using Bootstrap.Api.Auth;
using Bootstrap.Domain.Entities;
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
        var query = (await access.VisibleOrganizationsAsync(User, cancellationToken)).AsNoTracking();
        if (org is not null)
        {
            query = query.Where(o => o.Name == org);
        }
        if (orgId is not null)
        {
            query = Ids.TryParseInfluxId(orgId, out var number) ? query.Where(o => o.Number == number) : query.Where(_ => false);
        }
        var orgs = await query.OrderBy(o => o.Number).Take(100).ToListAsync(cancellationToken);
        return new InfluxOrgList(new("/api/v2/orgs"), orgs.Select(InfluxPresenter.Org).ToList());
    }
}
