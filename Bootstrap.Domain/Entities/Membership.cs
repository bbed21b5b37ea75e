namespace Bootstrap.Domain.Entities;

/// <summary>A user's roles in an organization, or at instance level when <see cref="OrganizationId"/> is null.</summary>
public sealed class Membership : IInstanceScoped
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public Guid UserId { get; set; }
    public Guid? OrganizationId { get; set; }
    public List<string> Roles { get; set; } = [];
    public DateTime CreatedAt { get; set; }
}

public static class Roles
{
    public const string OrgOwner = "ORG_OWNER";
    public const string IamOwner = "IAM_OWNER";
}
