using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Logging;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Bootstrap.Domain.Tenancy;

/// <summary>Adds organizations with their first user to an instance that is already set up.</summary>
public sealed class OrganizationService(IBootstrapDb db, Provisioner provisioner, ILookupNormalizer normalizer, TimeProvider clock, ILogger<OrganizationService> logger)
{
    /// <summary>Zitadel's SetUpOrg: an organization and a human holding <see cref="SetUpOrgCommand.Roles"/> in it.</summary>
    public async Task<SetUpOrgResult> SetUpOrgAsync(SetUpOrgCommand command, SetupContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var instanceId = db.CurrentInstanceId;
        var organization = Provisioner.NewOrganization(instanceId, command.OrganizationName, now);
        organization.Domain = command.OrganizationDomain;
        var user = provisioner.NewHuman(instanceId, command.Human, now);

        db.Organizations.Add(organization);
        db.Users.Add(user);
        db.Memberships.Add(Provisioner.NewMembership(user, organization.Id, command.Roles, now));
        db.AuditEvents.Add(Provisioner.Audit(instanceId, "org.setup", true, context, now,
            $"organization={organization.Name} domain={organization.Domain} roles={string.Join(',', command.Roles)}", user.UserName));

        await UniqueSave.SaveAsync(db, async () =>
            await FindConflictAsync(organization.Name, user.UserName!, cancellationToken)
            ?? await FindDomainConflictAsync(organization.Domain, cancellationToken), cancellationToken);
        logger.OrganizationAdded(context, organization, user.UserName!);
        return new SetUpOrgResult(organization, user, now);
    }

    /// <summary>InfluxDB Cloud's <c>POST /api/v2/setup/user</c>: user, org, bucket and an all-access token for that org.</summary>
    public async Task<AddOrgUserResult> AddOrgUserAsync(AddOrgUserCommand command, SetupContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var instanceId = db.CurrentInstanceId;
        var organization = Provisioner.NewOrganization(instanceId, command.OrganizationName, now);
        var user = provisioner.NewHuman(instanceId, command.UserName, email: null, command.Password, now);
        var bucket = Provisioner.NewBucket(organization, command.BucketName, command.RetentionSeconds, now);
        var token = TokenService.NewOwnerToken(user, organization.Id, now, command.SuppliedToken);

        db.Organizations.Add(organization);
        db.Users.Add(user);
        db.Buckets.Add(bucket);
        db.ApiTokens.Add(token.Token);
        db.Memberships.Add(Provisioner.NewMembership(user, organization.Id, [Roles.OrgOwner], now));
        db.AuditEvents.Add(Provisioner.Audit(instanceId, "org.user.added", true, context, now,
            $"organization={organization.Name} bucket={bucket.Name}", user.UserName));

        await UniqueSave.SaveAsync(db, () => FindAddOrgUserConflictAsync(organization.Name, user.UserName!, token.Token.SecretHash, cancellationToken), cancellationToken);
        logger.OrganizationAdded(context, organization, user.UserName!);
        logger.TokenIssued(context, token.Token, user);
        return new AddOrgUserResult(user, organization, bucket, token);
    }

    /// <summary>A supplied token that is already someone's would otherwise only fail on the unique index.</summary>
    private async Task<string?> FindAddOrgUserConflictAsync(string organizationName, string userName, byte[] tokenHash, CancellationToken cancellationToken) =>
        await FindConflictAsync(organizationName, userName, cancellationToken)
        ?? (await db.ApiTokens.IgnoreQueryFilters().AsNoTracking().AnyAsync(t => t.SecretHash == tokenHash, cancellationToken)
            ? "the supplied token cannot be used, choose another"
            : null);

    private async Task<string?> FindDomainConflictAsync(string? domain, CancellationToken cancellationToken) =>
        domain is not null && await db.Organizations.AsNoTracking().AnyAsync(o => o.Domain == domain, cancellationToken)
            ? $"the domain {domain} is already verified by another organization"
            : null;

    private async Task<string?> FindConflictAsync(string organizationName, string userName, CancellationToken cancellationToken)
    {
        if (await db.Organizations.AsNoTracking().AnyAsync(o => o.Name == organizationName, cancellationToken))
        {
            return $"organization with name {organizationName} already exists";
        }
        var normalized = normalizer.NormalizeName(userName);
        return await db.Users.AsNoTracking().AnyAsync(u => u.NormalizedUserName == normalized, cancellationToken)
            ? $"user with name {userName} already exists"
            : null;
    }
}
