using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Domain.Tenancy;

/// <summary>Zitadel's CreateInstance: a new, already set-up instance with its first org and owners.</summary>
public sealed class InstanceService(IBootstrapDb db, Provisioner provisioner, TimeProvider clock)
{
    public async Task<CreateInstanceResult> CreateInstanceAsync(
        CreateInstanceCommand command, SetupContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var instance = new Instance
        {
            Id = Guid.NewGuid(),
            Number = Ids.NewNumber(),
            Name = command.InstanceName,
            CustomDomain = command.CustomDomain,
            DefaultLanguage = command.DefaultLanguage,
            CreatedAt = now,
            SetupCompletedAt = now,
            SetupChannel = context.Channel,
        };
        var organization = provisioner.NewOrganization(instance.Id, command.FirstOrgName, now);
        string[] ownerRoles = [Roles.OrgOwner];

        User? human = null;
        if (command.Human is { } humanSpec)
        {
            human = provisioner.NewHuman(instance.Id, humanSpec, now);
            human.IsSuperAdmin = true;
        }

        User? machine = null;
        IssuedToken? pat = null;
        IssuedMachineKey? key = null;
        if (command.Machine is { } machineSpec)
        {
            machine = provisioner.NewMachine(instance.Id, machineSpec.UserName, machineSpec.Name, now);
            pat = machineSpec.IssuePat
                ? Provisioner.IssueToken(machine, organizationId: null, TokenKind.PersonalAccessToken, $"{machineSpec.Name} token", machineSpec.PatExpiresAt, now)
                : null;
            key = machineSpec.IssueKey ? Provisioner.IssueMachineKey(machine, machineSpec.KeyExpiresAt, now) : null;
        }

        db.Instances.Add(instance);
        db.Organizations.Add(organization);
        foreach (var owner in new[] { human, machine }.OfType<User>())
        {
            db.Users.Add(owner);
            db.Memberships.Add(Provisioner.NewMembership(owner, organization.Id, ownerRoles, now));
            db.Memberships.Add(Provisioner.NewMembership(owner, organizationId: null, [Roles.IamOwner], now));
        }
        if (pat is not null)
        {
            db.ApiTokens.Add(pat.Token);
        }
        if (key is not null)
        {
            db.MachineKeys.Add(key.Key);
        }
        db.AuditEvents.Add(Provisioner.Audit(instance.Id, "instance.created", true, context, now,
            $"instance={instance.Name} domain={instance.CustomDomain}", human?.UserName ?? machine?.UserName));

        await UniqueSave.SaveAsync(db, () => FindDomainConflictAsync(command.CustomDomain, cancellationToken), cancellationToken);
        return new CreateInstanceResult(instance, organization, human, machine, pat, key);
    }

    private async Task<string?> FindDomainConflictAsync(string? domain, CancellationToken cancellationToken) =>
        domain is not null && await db.Instances.AsNoTracking().AnyAsync(i => i.CustomDomain == domain, cancellationToken)
            ? $"the domain {domain} is already used by another instance"
            : null;
}
