using Bootstrap.Api.Data;
using Bootstrap.Api.Tenancy;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Tokens;
using Bootstrap.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bootstrap.Web.Overview;

/// <summary>
/// Reads what the overview page shows, each call on a fresh DbContext (a circuit outlives a request)
/// scoped to the instance the page was routed to.
/// </summary>
public sealed class OverviewQueries(InstanceScopes scopes)
{
    public const int AuditEventCount = 25;

    /// <summary>False for a user of another instance: the query filter hides their memberships.</summary>
    public async Task<bool> IsInstanceOwnerAsync(Guid instanceId, Guid userId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.For(instanceId);
        var db = scope.ServiceProvider.GetRequiredService<BootstrapDbContext>();
        return await db.Memberships.AnyAsync(
            m => m.UserId == userId && m.OrganizationId == null && m.Roles.Contains(Roles.IamOwner), cancellationToken);
    }

    public async Task<InstanceOverview> LoadAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.For(instanceId);
        var db = scope.ServiceProvider.GetRequiredService<BootstrapDbContext>();

        var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == db.CurrentInstanceId, cancellationToken);
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken);
        var buckets = await db.Buckets.AsNoTracking().OrderBy(b => b.Name).ToListAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Kind).ThenBy(u => u.UserName).ToListAsync(cancellationToken);
        var memberships = await db.Memberships.AsNoTracking().ToListAsync(cancellationToken);
        var tokens = await scope.ServiceProvider.GetRequiredService<TokenService>().ListAsync(cancellationToken);
        var audit = await db.AuditEvents.AsNoTracking()
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Take(AuditEventCount)
            .ToListAsync(cancellationToken);

        var organizationNames = organizations.ToDictionary(o => o.Id, o => o.Name);
        var userNames = users.ToDictionary(u => u.Id, u => u.UserName ?? "");
        // Null: not tied to one organization (an operator token, an instance role).
        string? OrganizationName(Guid? id) => id is { } value && organizationNames.TryGetValue(value, out var name) ? name : null;

        return new InstanceOverview(
            instance,
            organizations,
            buckets.Select(b => new BucketRow(b.Id, b.Name, OrganizationName(b.OrganizationId), b.RetentionSeconds)).ToList(),
            users.Select(u => new UserRow(
                u.Id, u.UserName ?? "", u.Kind, u.Kind == UserKind.Machine ? u.DisplayName : u.Email,
                memberships.Where(m => m.UserId == u.Id)
                    .SelectMany(m => m.Roles.Select(role => new RoleGrant(role, m.OrganizationId is null ? null : OrganizationName(m.OrganizationId))))
                    .ToList())
            {
                Profile = u.Kind == UserKind.Human ? UserProfile.Of(u) : null,
            }).ToList(),
            tokens.Select(t => new TokenRow(
                t.Id, t.Description, userNames.GetValueOrDefault(t.UserId, "?"), t.Kind, OrganizationName(t.OrganizationId),
                t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt)).ToList(),
            audit);
    }
}

public sealed record InstanceOverview(
    Instance Instance,
    IReadOnlyList<Organization> Organizations,
    IReadOnlyList<BucketRow> Buckets,
    IReadOnlyList<UserRow> Users,
    IReadOnlyList<TokenRow> Tokens,
    IReadOnlyList<AuditEvent> AuditEvents);

/// <summary><paramref name="Organization"/> is null for a bucket of every organization.</summary>
public sealed record BucketRow(Guid Id, string Name, string? Organization, long RetentionSeconds);

/// <summary>A stored role; <paramref name="Organization"/> is null for an instance-wide one.</summary>
public sealed record RoleGrant(string Role, string? Organization);

public sealed record UserRow(Guid Id, string UserName, UserKind Kind, string? Detail, IReadOnlyList<RoleGrant> Roles)
{
    /// <summary>A human's profile beyond the user name and email; null for a machine user.</summary>
    public UserProfile? Profile { get; init; }
}

/// <summary>The profile fields Zitadel's requests carry, as stored.</summary>
public sealed record UserProfile(
    string? FirstName, string? LastName, string? NickName, string? DisplayName, Gender Gender,
    string? PreferredLanguage, string? Phone, bool PhoneVerified, bool PasswordChangeRequired)
{
    public static UserProfile Of(User user) => new(
        user.FirstName, user.LastName, user.NickName, user.DisplayName, user.Gender,
        user.PreferredLanguage, user.PhoneNumber, user.PhoneNumberConfirmed, user.PasswordChangeRequired);

    /// <summary>Each stored field as a label and its value, in display order and the UI's language; absent fields are left out.</summary>
    public IReadOnlyList<(string Label, string Value)> Facts(IStringLocalizer<Strings> text)
    {
        var name = string.Join(' ', new[] { FirstName, LastName }.Where(n => !string.IsNullOrEmpty(n)));
        var facts = new List<(string, string?)>
        {
            ("Name", name),
            ("DisplayName", DisplayName),
            ("NickName", NickName),
            ("Gender", Gender == Gender.Unspecified ? null : text[$"Profile.Gender.{Gender}"].Value),
            ("Language", PreferredLanguage),
            ("Phone", Phone is null ? null : text[PhoneVerified ? "Profile.PhoneVerified" : "Profile.PhoneNotVerified", Phone].Value),
            ("Password", PasswordChangeRequired ? text["Profile.PasswordChangeRequired"].Value : null),
        };
        return facts.Where(f => !string.IsNullOrEmpty(f.Item2)).Select(f => (text[$"Profile.{f.Item1}"].Value, f.Item2!)).ToList();
    }
}

/// <summary><paramref name="Organization"/> is null for a token of every organization.</summary>
public sealed record TokenRow(
    Guid Id, string Description, string Owner, TokenKind Kind, string? Organization,
    DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt)
{
    public TokenStatus Status(DateTime now) =>
        RevokedAt is not null ? TokenStatus.Revoked : ExpiresAt is { } expires && expires <= now ? TokenStatus.Expired : TokenStatus.Active;

    public bool CanRevoke => RevokedAt is null;
}

public enum TokenStatus
{
    Active,
    Expired,
    Revoked,
}
