using System.Security.Claims;
using Bootstrap.Api.Data;
using Bootstrap.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Auth;

/// <summary>Which organizations of the current instance a principal may see.</summary>
public sealed class OrganizationAccess(BootstrapDbContext db)
{
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
