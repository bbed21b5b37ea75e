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
    string? Password);

public sealed record OwnerMachineSpec(
    string UserName,
    string Name,
    bool IssuePat,
    DateTime? PatExpiresAt,
    bool IssueKey,
    DateTime? KeyExpiresAt);

/// <param name="Door">Which request asked (CreateInstance, AddInstance), for the audit trail.</param>
public sealed record CreateInstanceCommand(
    string InstanceName,
    string FirstOrgName,
    string? CustomDomain,
    string DefaultLanguage,
    HumanSpec? Human,
    OwnerMachineSpec? Machine,
    string Door = CreateInstanceCommand.CreateInstanceDoor)
{
    public const string CreateInstanceDoor = "zitadel CreateInstance";
    public const string AddInstanceDoor = "zitadel AddInstance";
}

public sealed record CreateInstanceResult(
    Instance Instance,
    Organization Organization,
    User? Human,
    User? Machine,
    IssuedToken? Pat,
    IssuedMachineKey? Key,
    bool CompletedFirstRun = false);

public sealed record SetUpOrgCommand(string OrganizationName, HumanSpec Human, IReadOnlyList<string> Roles);

public sealed record SetUpOrgResult(Organization Organization, User User, DateTime CreatedAt);

/// <param name="SuppliedToken">Becomes the new user's token verbatim (InfluxDB's <c>token</c>); otherwise one is generated.</param>
public sealed record AddOrgUserCommand(string UserName, string? Password, string OrganizationName, string BucketName, long RetentionSeconds, string? SuppliedToken = null);

public sealed record AddOrgUserResult(User User, Organization Organization, Bucket Bucket, IssuedToken Token);
