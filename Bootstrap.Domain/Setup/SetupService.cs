using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Domain.Setup;

/// <summary>
/// Performs the one-shot first run: organization, admin, bucket, operator token and optional
/// machine user, all in one transaction. "Already set up" is decided by a conditional update of
/// the instance row inside that transaction, so it holds across threads and processes.
/// </summary>
public sealed class SetupService(
    IBootstrapDb db,
    IPasswordHasher<User> passwordHasher,
    ILookupNormalizer normalizer,
    TimeProvider clock)
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
        var now = clock.GetUtcNow().UtcDateTime;

        // Hashing and key generation are the slow part: do them before taking the write lock.
        var plan = Plan(command, Instance.FirstId, now);

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.Instances
                .Where(i => i.Id == Instance.FirstId && i.SetupCompletedAt == null)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(i => i.SetupCompletedAt, now)
                        .SetProperty(i => i.SetupChannel, context.Channel)
                        .SetProperty(i => i.Name, command.OrganizationName),
                    cancellationToken);

            if (claimed == 1)
            {
                plan.AddTo(db);
                db.AuditEvents.Add(Audit(Instance.FirstId, "setup.completed", true, context, now,
                    $"organization={plan.Organization.Name} admin={plan.Admin.UserName} bucket={plan.Bucket.Name}"));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);

                var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == Instance.FirstId, cancellationToken);
                return plan.ToResult(instance);
            }
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }

        db.AuditEvents.Add(Audit(Instance.FirstId, "setup.refused", false, context, now, "already set up"));
        await db.SaveChangesAsync(cancellationToken);
        throw new SetupAlreadyCompletedException();
    }

    private SetupPlan Plan(SetupCommand command, Guid instanceId, DateTime now)
    {
        var organization = new Organization
        {
            Id = Guid.NewGuid(),
            Number = Ids.NewNumber(),
            InstanceId = instanceId,
            Name = command.OrganizationName,
            Slug = Slug.From(command.OrganizationName),
            CreatedAt = now,
            UpdatedAt = now,
        };
        var admin = NewUser(instanceId, UserKind.Human, command.Admin.UserName, command.Admin.Email, now);
        admin.IsSuperAdmin = true;
        if (command.Admin.Password is { } password)
        {
            admin.PasswordHash = passwordHasher.HashPassword(admin, password);
        }

        var bucket = new Bucket
        {
            Id = Guid.NewGuid(),
            Number = Ids.NewNumber(),
            InstanceId = instanceId,
            OrganizationId = organization.Id,
            Name = command.Bucket.Name,
            RetentionSeconds = command.Bucket.RetentionSeconds,
            CreatedAt = now,
            UpdatedAt = now,
        };

        var operatorToken = NewToken(admin, organization.Id, TokenKind.Operator,
            $"{admin.UserName}'s Token", command.SuppliedOperatorToken, expiresAt: null, now);

        var memberships = new List<Membership>
        {
            NewMembership(admin, organizationId: null, Roles.IamOwner, now),
            NewMembership(admin, organization.Id, Roles.OrgOwner, now),
        };

        MachinePlan? machine = null;
        if (command.Machine is { } spec)
        {
            var machineUser = NewUser(instanceId, UserKind.Machine, spec.UserName, email: null, now);
            machineUser.DisplayName = spec.Name;
            memberships.Add(NewMembership(machineUser, organization.Id, Roles.OrgOwner, now));
            var pat = NewToken(machineUser, organization.Id, TokenKind.PersonalAccessToken,
                $"{spec.Name} personal access token", supplied: null, spec.PatExpiresAt, now);
            machine = new MachinePlan(machineUser, pat,
                spec.MachineKey ? NewMachineKey(machineUser, spec.MachineKeyExpiresAt, now) : null);
        }

        return new SetupPlan(organization, admin, bucket, operatorToken, memberships, machine);
    }

    private User NewUser(Guid instanceId, UserKind kind, string userName, string? email, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        Number = Ids.NewNumber(),
        InstanceId = instanceId,
        Kind = kind,
        UserName = userName,
        NormalizedUserName = normalizer.NormalizeName(userName),
        Email = email,
        NormalizedEmail = email is null ? null : normalizer.NormalizeEmail(email),
        SecurityStamp = Guid.NewGuid().ToString("N"),
        ConcurrencyStamp = Guid.NewGuid().ToString("N"),
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static Membership NewMembership(User user, Guid? organizationId, string role, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        InstanceId = user.InstanceId,
        UserId = user.Id,
        OrganizationId = organizationId,
        Roles = [role],
        CreatedAt = now,
    };

    private static IssuedToken NewToken(
        User user, Guid? organizationId, TokenKind kind, string description, string? supplied, DateTime? expiresAt, DateTime now)
    {
        var secret = supplied ?? Secrets.NewToken();
        return new IssuedToken(new ApiToken
        {
            Id = Guid.NewGuid(),
            Number = Ids.NewNumber(),
            InstanceId = user.InstanceId,
            UserId = user.Id,
            OrganizationId = organizationId,
            Kind = kind,
            Description = description,
            Permissions = TokenPermissions.All(),
            SecretHash = Secrets.Hash(secret),
            ExpiresAt = expiresAt,
            CreatedAt = now,
            UpdatedAt = now,
        }, secret);
    }

    private static IssuedMachineKey NewMachineKey(User user, DateTime? expiresAt, DateTime now)
    {
        var material = MachineKeyMaterial.Generate();
        var key = new MachineKey
        {
            Id = Guid.NewGuid(),
            Number = Ids.NewNumber(),
            InstanceId = user.InstanceId,
            UserId = user.Id,
            PublicKeyPem = material.PublicKeyPem,
            ExpiresAt = expiresAt ?? MachineKeyFile.NoExpiration,
            CreatedAt = now,
        };
        return new IssuedMachineKey(key, MachineKeyFile.ToBase64(key, material.PrivateKeyPem, user));
    }

    private static AuditEvent Audit(Guid instanceId, string action, bool succeeded, SetupContext context, DateTime now, string detail) => new()
    {
        InstanceId = instanceId,
        Action = action,
        Channel = context.Channel,
        Succeeded = succeeded,
        Detail = detail,
        RemoteAddress = context.RemoteAddress,
        OccurredAt = now,
    };

    private sealed record MachinePlan(User User, IssuedToken Pat, IssuedMachineKey? Key);

    private sealed record SetupPlan(
        Organization Organization,
        User Admin,
        Bucket Bucket,
        IssuedToken OperatorToken,
        List<Membership> Memberships,
        MachinePlan? Machine)
    {
        public void AddTo(IBootstrapDb db)
        {
            db.Organizations.Add(Organization);
            db.Users.Add(Admin);
            db.Buckets.Add(Bucket);
            db.ApiTokens.Add(OperatorToken.Token);
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

        public SetupResult ToResult(Instance instance) => new(
            instance, Organization, Admin, Bucket, OperatorToken,
            Machine is null ? null : new MachineResult(Machine.User, Machine.Pat, Machine.Key));
    }
}
