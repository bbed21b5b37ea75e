using Bootstrap.Api.Data;
using Bootstrap.Domain.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Auth;

/// <summary>The caller holds IAM_OWNER in the instance the request is routed to.</summary>
public sealed class InstanceOwnerRequirement : IAuthorizationRequirement
{
    public const string PolicyName = "InstanceOwner";
}

public sealed class InstanceOwnerHandler(BootstrapDbContext db) : AuthorizationHandler<InstanceOwnerRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, InstanceOwnerRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true || context.User.OrganizationScope() is not null)
        {
            return;
        }
        var userId = context.User.UserId();
        if (await db.Memberships.AnyAsync(m => m.UserId == userId && m.OrganizationId == null && m.Roles.Contains(Roles.IamOwner)))
        {
            context.Succeed(requirement);
        }
    }
}
