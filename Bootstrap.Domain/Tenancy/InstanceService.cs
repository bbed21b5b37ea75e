using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Logging;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Telemetry;
using Bootstrap.Domain.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Bootstrap.Domain.Tenancy;

/// <summary>
/// Zitadel's CreateInstance: a new, already set-up instance with its first org and owners. While the
/// first run is still open, the instance it creates is the first one, claimed under the same
/// database guard as every other setup door, so the system API can set up a fresh installation.
/// </summary>
public sealed class InstanceService(IBootstrapDb db, Provisioner provisioner, TimeProvider clock, BootstrapMetrics metrics, ILogger<InstanceService> logger)
{
    public async Task<CreateInstanceResult> CreateInstanceAsync(
        CreateInstanceCommand command, SetupContext context, CancellationToken cancellationToken = default)
    {
        if (await IsFirstRunOpenAsync(cancellationToken) && await TryCompleteFirstRunAsync(command, context, cancellationToken) is { } firstRun)
        {
            return firstRun;
        }

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
        var plan = Plan(command, instance.Id, now);
        db.Instances.Add(instance);
        plan.AddTo(db);
        db.AuditEvents.Add(Provisioner.Audit(instance.Id, "instance.created", true, context, now,
            $"door={command.Door} instance={instance.Name} domain={instance.CustomDomain}", plan.OwnerName));

        await UniqueSave.SaveAsync(db, () => FindDomainConflictAsync(command.CustomDomain, cancellationToken), cancellationToken);
        logger.InstanceCreated(context, instance);
        plan.LogToken(logger, context);
        return plan.ToResult(instance, completedFirstRun: false);
    }

    private Task<bool> IsFirstRunOpenAsync(CancellationToken cancellationToken) =>
        db.Instances.AsNoTracking().AnyAsync(i => i.Id == Instance.FirstId && i.SetupCompletedAt == null, cancellationToken);

    /// <summary>
    /// Claims the first instance with <see cref="FirstRunClaim"/>, as every setup door does, so that of
    /// every door racing on a fresh installation exactly one completes the first run. Null when another
    /// door got there first: the caller then creates an ordinary, additional instance.
    /// </summary>
    private async Task<CreateInstanceResult?> TryCompleteFirstRunAsync(
        CreateInstanceCommand command, SetupContext context, CancellationToken cancellationToken)
    {
        using var attempt = metrics.StartSetup(context);
        var now = clock.GetUtcNow().UtcDateTime;
        // Hashing and key generation are the slow part: do them before taking the write lock.
        var plan = Plan(command, Instance.FirstId, now);
        if (await FindDomainConflictAsync(command.CustomDomain, cancellationToken) is { } conflict)
        {
            throw new ConflictException(conflict);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await FirstRunClaim.TryClaimAsync(db, context.Channel, now, command.InstanceName,
                    command.CustomDomain, command.DefaultLanguage, cancellationToken))
            {
                attempt.AlreadySetUp();
                return null;
            }

            plan.AddTo(db);
            db.AuditEvents.Add(Provisioner.Audit(Instance.FirstId, "setup.completed", true, context, now,
                $"door={command.Door} instance={command.InstanceName} organization={plan.Organization.Name} owner={plan.OwnerName}",
                plan.OwnerName));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }

        var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == Instance.FirstId, cancellationToken);
        attempt.Completed();
        logger.SetupCompleted(context, instance.Id, plan.Organization.Name);
        plan.LogToken(logger, context);
        return plan.ToResult(instance, completedFirstRun: true);
    }

    private InstancePlan Plan(CreateInstanceCommand command, Guid instanceId, DateTime now)
    {
        var organization = Provisioner.NewOrganization(instanceId, command.FirstOrgName, now);

        User? human = null;
        if (command.Human is { } humanSpec)
        {
            human = provisioner.NewHuman(instanceId, humanSpec, now);
            human.IsSuperAdmin = true;
        }

        User? machine = null;
        IssuedToken? pat = null;
        IssuedMachineKey? key = null;
        if (command.Machine is { } machineSpec)
        {
            machine = provisioner.NewMachine(instanceId, machineSpec.UserName, machineSpec.Name, now);
            pat = machineSpec.IssuePat
                ? TokenService.NewMachineToken(machine, organizationId: null, TokenKind.PersonalAccessToken, machineSpec.PatExpiresAt, now)
                : null;
            key = machineSpec.IssueKey ? Provisioner.IssueMachineKey(machine, machineSpec.KeyExpiresAt, now) : null;
        }

        var memberships = new[] { human, machine }.OfType<User>()
            .SelectMany(owner => new[]
            {
                Provisioner.NewMembership(owner, organization.Id, [Roles.OrgOwner], now),
                Provisioner.NewMembership(owner, organizationId: null, [Roles.IamOwner], now),
            })
            .ToList();
        return new InstancePlan(organization, human, machine, pat, key, memberships);
    }

    private async Task<string?> FindDomainConflictAsync(string? domain, CancellationToken cancellationToken) =>
        domain is not null && await db.Instances.AsNoTracking().AnyAsync(i => i.CustomDomain == domain, cancellationToken)
            ? $"the domain {domain} is already used by another instance"
            : null;

    private sealed record InstancePlan(
        Organization Organization, User? Human, User? Machine, IssuedToken? Pat, IssuedMachineKey? Key, List<Membership> Memberships)
    {
        public string? OwnerName => Human?.UserName ?? Machine?.UserName;

        public void AddTo(IBootstrapDb db)
        {
            db.Organizations.Add(Organization);
            db.Users.AddRange(new[] { Human, Machine }.OfType<User>());
            db.Memberships.AddRange(Memberships);
            if (Pat is not null)
            {
                db.ApiTokens.Add(Pat.Token);
            }
            if (Key is not null)
            {
                db.MachineKeys.Add(Key.Key);
            }
        }

        public void LogToken(ILogger logger, SetupContext context)
        {
            if (Pat is not null && Machine is not null)
            {
                logger.TokenIssued(context, Pat.Token, Machine);
            }
        }

        public CreateInstanceResult ToResult(Instance instance, bool completedFirstRun) =>
            new(instance, Organization, Human, Machine, Pat, Key, completedFirstRun);
    }
}
