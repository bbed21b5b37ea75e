using Bootstrap.Api.Auth;
using Bootstrap.Api.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Influx.Resources;

/// <summary>Lists authorizations without their secrets: only hashes are stored.</summary>
[ApiController]
[Authorize]
[Route("api/v2/authorizations")]
public sealed class InfluxAuthorizationsController(BootstrapDbContext db, OrganizationAccess access) : ControllerBase
{
    [HttpGet]
    public async Task<InfluxAuthorizationList> List(CancellationToken cancellationToken)
    {
        var orgs = await access.VisibleOrganizationsAsync(User, cancellationToken);
        var instanceWide = User.OrganizationScope() is null && User.TokenIdOf() is not null;
        var tokens = await db.ApiTokens.AsNoTracking()
            .Where(t => instanceWide || orgs.Any(o => o.Id == t.OrganizationId))
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { Token = t, User = u })
            .GroupJoin(db.Organizations, x => x.Token.OrganizationId, o => o.Id, (x, o) => new { x.Token, x.User, Orgs = o })
            .SelectMany(x => x.Orgs.DefaultIfEmpty(), (x, o) => new { x.Token, x.User, Org = o })
            .OrderBy(x => x.Token.Number)
            .Take(100)
            .ToListAsync(cancellationToken);
        return new InfluxAuthorizationList(
            new("/api/v2/authorizations"),
            tokens.Select(x => InfluxPresenter.Authorization(x.Token, x.Org, x.User)).ToList());
    }
}
