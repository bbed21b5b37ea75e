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

    /// <summary>
    /// The organization roles (prefix <c>ORG_</c>) of Zitadel's default <c>InternalAuthZ.RolePermissionMappings</c>
    /// (cmd/defaults.yaml): the ones its AddOrgMember (and so SetUpOrg) grants; anything else is <c>Errors.Org.MemberInvalid</c>.
    /// </summary>
    public static readonly IReadOnlySet<string> Organization = new HashSet<string>(StringComparer.Ordinal)
    {
        OrgOwner,
        "ORG_OWNER_VIEWER",
        "ORG_USER_MANAGER",
        "ORG_SETTINGS_MANAGER",
        "ORG_USER_PERMISSION_EDITOR",
        "ORG_PROJECT_PERMISSION_EDITOR",
        "ORG_PROJECT_CREATOR",
        "ORG_ADMIN_IMPERSONATOR",
        "ORG_END_USER_IMPERSONATOR",
        "ORG_USER_SELF_MANAGER",
    };
}
