using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Security;
using Bootstrap.Domain.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace Bootstrap.Domain.Setup;

/// <summary>
/// Builds (but does not save) the entities every provisioning path creates, so that the first run,
/// Influx's setup/user, Zitadel's CreateInstance and SetUpOrg produce identical rows.
/// Hashing and key generation happen here, before any transaction takes a lock.
/// </summary>
public sealed class Provisioner(IPasswordHasher<User> passwordHasher, ILookupNormalizer normalizer)
{
    public static Organization NewOrganization(Guid instanceId, string name, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        Number = Ids.NewNumber(),
        InstanceId = instanceId,
        Name = name,
        Slug = Slug.From(name),
        CreatedAt = now,
        UpdatedAt = now,
    };

    public User NewHuman(Guid instanceId, string userName, string? email, string? password, DateTime now)
    {
        var user = NewUser(instanceId, UserKind.Human, userName, email, now);
        if (!string.IsNullOrEmpty(password))
        {
            user.PasswordHash = passwordHasher.HashPassword(user, password);
        }
        return user;
    }

    /// <summary>A human owner or member from a Zitadel request, with every profile field Zitadel stores.</summary>
    public User NewHuman(Guid instanceId, HumanSpec spec, DateTime now)
    {
        var user = NewHuman(instanceId, spec.UserName, spec.Email, spec.Password, now);
        user.EmailConfirmed = spec.EmailVerified;
        user.FirstName = spec.FirstName;
        user.LastName = spec.LastName;
        user.NickName = spec.NickName;
        user.DisplayName = spec.DisplayName;
        user.Gender = spec.Gender;
        user.PreferredLanguage = spec.PreferredLanguage;
        user.PhoneNumber = spec.Phone;
        user.PhoneNumberConfirmed = spec.Phone is not null && spec.PhoneVerified;
        user.PasswordChangeRequired = spec.PasswordChangeRequired && user.PasswordHash is not null;
        return user;
    }

    public User NewMachine(Guid instanceId, string userName, string displayName, DateTime now)
    {
        var user = NewUser(instanceId, UserKind.Machine, userName, email: null, now);
        user.DisplayName = displayName;
        return user;
    }

    public static Bucket NewBucket(Organization organization, string name, long retentionSeconds, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        Number = Ids.NewNumber(),
        InstanceId = organization.InstanceId,
        OrganizationId = organization.Id,
        Name = name,
        RetentionSeconds = retentionSeconds,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public static Membership NewMembership(User user, Guid? organizationId, IEnumerable<string> roles, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        InstanceId = user.InstanceId,
        UserId = user.Id,
        OrganizationId = organizationId,
        Roles = roles.ToList(),
        CreatedAt = now,
    };

    public static IssuedMachineKey IssueMachineKey(User user, DateTime? expiresAt, DateTime now)
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

    public static AuditEvent Audit(Guid instanceId, string action, bool succeeded, SetupContext context, DateTime now, string? detail = null, string? subject = null) => new()
    {
        InstanceId = instanceId,
        Action = action,
        Channel = context.Channel,
        Succeeded = succeeded,
        Subject = AuditEvent.Fit(subject, AuditEvent.SubjectMaxLength),
        Detail = AuditEvent.Fit(detail, AuditEvent.DetailMaxLength),
        RemoteAddress = context.RemoteAddress,
        OccurredAt = now,
    };

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
        // Rows are built here rather than by UserManager.CreateAsync, so Identity's AllowedForNewUsers never applies.
        LockoutEnabled = true,
        ConcurrencyStamp = Guid.NewGuid().ToString("N"),
        CreatedAt = now,
        UpdatedAt = now,
    };
}
