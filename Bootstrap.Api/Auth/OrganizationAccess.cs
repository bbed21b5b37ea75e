using System.Security.Claims;
using Bootstrap.Api.Data;
using Bootstrap.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Auth;

/// <summary>Which organizations of the current instance a principal may see.</summary>
public sealed class OrganizationAccess(BootstrapDbContext db)
{
    /// <summary>The visible organizations narrowed by InfluxDB's <c>org</c> (name) and <c>orgID</c> query parameters.</summary>
    public async Task<IQueryable<Organization>> VisibleOrganizationsAsync(
        ClaimsPrincipal principal, string? name, string? influxId, CancellationToken cancellationToken)
    {
        var orgs = (await VisibleOrganizationsAsync(principal, cancellationToken)).AsNoTracking();
        if (name is not null)
        {
            orgs = orgs.Where(o => o.Name == name);
        }
        if (influxId is not null)
        {
            orgs = Ids.TryParseInfluxId(influxId, out var number) ? orgs.Where(o => o.Number == number) : orgs.Where(_ => false);
        }
        return orgs;
    }

    public async Task<IQueryable<Organization>> VisibleOrganizationsAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.OrganizationScope() is { } organizationId)
        {
            return db.Organizations.Where(o => o.Id == organizationId);
        }
        if (principal.TokenIdOf() is not null)
        {
            return db.Organizations;
        }

        // A signed-in person sees everything as an instance owner, otherwise only where they are a member.
        var userId = principal.UserId();
        var isInstanceOwner = await db.Memberships
            .AnyAsync(m => m.UserId == userId && m.OrganizationId == null && m.Roles.Contains(Roles.IamOwner), cancellationToken);
        return isInstanceOwner
            ? db.Organizations
            : db.Organizations.Where(o => db.Memberships.Any(m => m.UserId == userId && m.OrganizationId == o.Id));
    }
}
