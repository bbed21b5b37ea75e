using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Logging;
using Bootstrap.Domain.Telemetry;
using Bootstrap.Domain.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Bootstrap.Domain.Setup;

/// <summary>
/// Performs the one-shot first run: organization, admin, bucket, operator token and optional
/// machine user, all in one transaction. "Already set up" is decided by a conditional update of
/// the instance row inside that transaction, so it holds across threads and processes.
/// </summary>
public sealed class SetupService(IBootstrapDb db, Provisioner provisioner, TimeProvider clock, BootstrapMetrics metrics, ILogger<SetupService> logger)
{
    public async Task<SetupStatus> GetFirstRunStatusAsync(CancellationToken cancellationToken = default)
    {
        var first = await db.Instances.AsNoTracking()
            .Where(i => i.Id == Instance.FirstId)
            .Select(i => new { i.SetupCompletedAt, i.SetupChannel })
            .SingleAsync(cancellationToken);
        return new(first.SetupCompletedAt is null, first.SetupCompletedAt, first.SetupChannel);
    }

    public async Task<SetupResult> CompleteFirstRunAsync(
        SetupCommand command,
        SetupContext context,
        CancellationToken cancellationToken = default)
    {
        using var attempt = metrics.StartSetup(context);
        var now = clock.GetUtcNow().UtcDateTime;

        // Hashing and key generation are the slow part: do them before taking the write lock.
        var plan = Plan(command, Instance.FirstId, now);

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await FirstRunClaim.TryClaimAsync(db, context.Channel, now, command.OrganizationName,
                    customDomain: null, defaultLanguage: null, cancellationToken))
            {
                plan.AddTo(db);
                db.AuditEvents.Add(Provisioner.Audit(Instance.FirstId, "setup.completed", true, context, now,
                    $"organization={plan.Organization.Name} admin={plan.Admin.UserName} bucket={plan.Bucket.Name}",
                    plan.Admin.UserName));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);

                var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == Instance.FirstId, cancellationToken);
                attempt.Completed();
                plan.Log(logger, context);
                return plan.ToResult(instance);
            }
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }

        attempt.AlreadySetUp();
        db.AuditEvents.Add(Provisioner.Audit(Instance.FirstId, "setup.refused", false, context, now, "already set up"));
        await db.SaveChangesAsync(cancellationToken);
        throw new SetupAlreadyCompletedException();
    }

    private SetupPlan Plan(SetupCommand command, Guid instanceId, DateTime now)
    {
        var organization = Provisioner.NewOrganization(instanceId, command.OrganizationName, now);
        var admin = provisioner.NewHuman(instanceId, command.Admin.UserName, command.Admin.Email, command.Admin.Password, now);
        admin.IsSuperAdmin = true;
        admin.FirstName = command.Admin.FirstName;
        admin.LastName = command.Admin.LastName;
        admin.EmailConfirmed = command.Admin.EmailVerified;
        var bucket = Provisioner.NewBucket(organization, command.Bucket.Name, command.Bucket.RetentionSeconds, now);
        var operatorToken = command.IssueOperatorToken
            ? TokenService.NewOperatorToken(admin, organization.Id, now, command.SuppliedOperatorToken)
            : null;

        var memberships = new List<Membership>
        {
            Provisioner.NewMembership(admin, organizationId: null, [Roles.IamOwner], now),
            Provisioner.NewMembership(admin, organization.Id, [Roles.OrgOwner], now),
        };

        MachineResult? machine = null;
        if (command.Machine is { } spec)
        {
            var machineUser = provisioner.NewMachine(instanceId, spec.UserName, spec.Name, now);
            memberships.Add(Provisioner.NewMembership(machineUser, organization.Id, [Roles.OrgOwner], now));
            if (spec.InstanceOwner)
            {
                memberships.Add(Provisioner.NewMembership(machineUser, organizationId: null, [Roles.IamOwner], now));
            }
            var pat = TokenService.NewMachineToken(machineUser, spec.InstanceOwner ? null : organization.Id, spec.TokenKind, spec.PatExpiresAt, now);
            machine = new MachineResult(machineUser, pat,
                spec.MachineKey ? Provisioner.IssueMachineKey(machineUser, spec.MachineKeyExpiresAt, now) : null);
        }

        return new SetupPlan(organization, admin, bucket, operatorToken, memberships, machine);
    }

    private sealed record SetupPlan(
        Organization Organization,
        User Admin,
        Bucket Bucket,
        IssuedToken? OperatorToken,
        List<Membership> Memberships,
        MachineResult? Machine)
    {
        public void AddTo(IBootstrapDb db)
        {
            db.Organizations.Add(Organization);
            db.Users.Add(Admin);
            db.Buckets.Add(Bucket);
            if (OperatorToken is not null)
            {
                db.ApiTokens.Add(OperatorToken.Token);
            }
            db.Memberships.AddRange(Memberships);
            if (Machine is not null)
            {
                db.Users.Add(Machine.User);
                db.ApiTokens.Add(Machine.Pat.Token);
                if (Machine.Key is not null)
                {
                    db.MachineKeys.Add(Machine.Key.Key);
                }
            }
        }

        public void Log(ILogger logger, SetupContext context)
        {
            logger.SetupCompleted(context, Organization.InstanceId, Organization.Name);
            if (OperatorToken is not null)
            {
                logger.TokenIssued(context, OperatorToken.Token, Admin);
            }
            if (Machine is not null)
            {
                logger.TokenIssued(context, Machine.Pat.Token, Machine.User);
            }
        }

        public SetupResult ToResult(Instance instance) => new(instance, Organization, Admin, Bucket, OperatorToken, Machine);
    }
}
