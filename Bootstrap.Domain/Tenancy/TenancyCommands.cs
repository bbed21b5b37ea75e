using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;

namespace Bootstrap.Domain.Tenancy;

public sealed record HumanSpec(
    string UserName,
    string? Email,
    bool EmailVerified,
    string? FirstName,
    string? LastName,
    string? PreferredLanguage,
    string? Password)
{
    public string? NickName { get; init; }
    public string? DisplayName { get; init; }
    public Gender Gender { get; init; }

    /// <summary>E.164-style, starting with <c>+</c>.</summary>
    public string? Phone { get; init; }

    public bool PhoneVerified { get; init; }
    public bool PasswordChangeRequired { get; init; }
}

public sealed record OwnerMachineSpec(
    string UserName,
    string Name,
    bool IssuePat,
    DateTime? PatExpiresAt,
    bool IssueKey,
    DateTime? KeyExpiresAt);

public sealed record CreateInstanceCommand(
    string InstanceName,
    string FirstOrgName,
    string? CustomDomain,
    string DefaultLanguage,
    HumanSpec? Human,
    OwnerMachineSpec? Machine);

public sealed record CreateInstanceResult(
    Instance Instance,
    Organization Organization,
    User? Human,
    User? Machine,
    IssuedToken? Pat,
    IssuedMachineKey? Key);

public sealed record SetUpOrgCommand(string OrganizationName, HumanSpec Human, IReadOnlyList<string> Roles)
{
    /// <summary>Added to the organization as a verified (not primary) domain, as Zitadel does.</summary>
    public string? OrganizationDomain { get; init; }
}

public sealed record SetUpOrgResult(Organization Organization, User User, DateTime CreatedAt);

/// <param name="SuppliedToken">Becomes the new user's token verbatim (InfluxDB's <c>token</c>); otherwise one is generated.</param>
public sealed record AddOrgUserCommand(string UserName, string? Password, string OrganizationName, string BucketName, long RetentionSeconds, string? SuppliedToken = null);

public sealed record AddOrgUserResult(User User, Organization Organization, Bucket Bucket, IssuedToken Token);
