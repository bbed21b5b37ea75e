namespace Bootstrap.Domain.Entities;

public sealed class ApiToken : IInstanceScoped
{
    public Guid Id { get; set; }
    public long Number { get; set; }
    public Guid InstanceId { get; set; }
    public Guid UserId { get; set; }

    /// <summary>The organization the token belongs to; null for an instance-wide token.</summary>
    public Guid? OrganizationId { get; set; }

    public TokenKind Kind { get; set; }
    public required string Description { get; set; }

    /// <summary>"action:resource" pairs, e.g. "read:buckets".</summary>
    public List<string> Permissions { get; set; } = [];

    /// <summary>SHA-256 of the secret; the secret itself is never stored.</summary>
    public required byte[] SecretHash { get; set; }

    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Operator tokens, and tokens of no organization, reach every organization of the instance.</summary>
    public bool IsInstanceWide => Kind == TokenKind.Operator || OrganizationId is null;

    public bool IsActiveAt(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

public enum TokenKind
{
    Operator,
    AllAccess,
    PersonalAccessToken,
    IdentityToken,
    AccessToken,
}
