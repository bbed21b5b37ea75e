using Bootstrap.Domain.Entities;

namespace Bootstrap.Domain.Setup;

/// <summary>What every door (wizard, API families, config, CLI) asks the <see cref="SetupService"/> to create.</summary>
public sealed record SetupCommand(
    string OrganizationName,
    AdminSpec Admin,
    BucketSpec Bucket,
    MachineSpec? Machine = null,
    string? SuppliedOperatorToken = null,
    bool IssueOperatorToken = true);

/// <summary>The first admin; a door that knows more (Infisical names its admin and trusts the email) fills the profile.</summary>
public sealed record AdminSpec(
    string UserName,
    string? Email,
    string? Password,
    string? FirstName = null,
    string? LastName = null,
    bool EmailVerified = false);

public sealed record BucketSpec(string Name, long RetentionSeconds);

/// <summary>
/// A machine user and its credentials. An <paramref name="InstanceOwner"/> also gets IAM_OWNER and an
/// instance-wide token (Infisical's "Instance Admin Identity"); otherwise it owns the organization only.
/// </summary>
public sealed record MachineSpec(
    string UserName,
    string Name,
    DateTime? PatExpiresAt,
    bool MachineKey,
    DateTime? MachineKeyExpiresAt,
    bool InstanceOwner = false,
    TokenKind TokenKind = TokenKind.PersonalAccessToken);

/// <summary>Who is asking, for the audit trail.</summary>
public sealed record SetupContext(SetupChannel Channel, string? RemoteAddress)
{
    /// <summary>The API family (influx, infisical, zitadel, native) of a request, for the setup metrics' door.</summary>
    public string? ApiFamily { get; init; }
}

public sealed record SetupResult(
    Instance Instance,
    Organization Organization,
    User Admin,
    Bucket Bucket,
    IssuedToken? OperatorToken,
    MachineResult? Machine);

public sealed record IssuedToken(ApiToken Token, string Secret);

public sealed record MachineResult(User User, IssuedToken Pat, IssuedMachineKey? Key);

public sealed record IssuedMachineKey(MachineKey Key, string KeyFileBase64);

public sealed record SetupStatus(bool Allowed, DateTime? CompletedAt, SetupChannel? Channel);

public sealed class SetupAlreadyCompletedException() : InvalidOperationException("Setup has already been completed.");

/// <summary>A name, user name or domain that must be unique is taken.</summary>
public sealed class ConflictException(string message) : InvalidOperationException(message);
