using Bootstrap.Domain.Entities;

namespace Bootstrap.Domain.Setup;

/// <summary>What every door (wizard, API families, config, CLI) asks the <see cref="SetupService"/> to create.</summary>
public sealed record SetupCommand(
    string OrganizationName,
    AdminSpec Admin,
    BucketSpec Bucket,
    MachineSpec? Machine = null,
    string? SuppliedOperatorToken = null);

public sealed record AdminSpec(string UserName, string? Email, string? Password);

public sealed record BucketSpec(string Name, long RetentionSeconds);

public sealed record MachineSpec(
    string UserName,
    string Name,
    DateTime? PatExpiresAt,
    bool MachineKey,
    DateTime? MachineKeyExpiresAt);

/// <summary>Who is asking, for the audit trail.</summary>
public sealed record SetupContext(SetupChannel Channel, string? RemoteAddress);

public sealed record SetupResult(
    Instance Instance,
    Organization Organization,
    User Admin,
    Bucket Bucket,
    IssuedToken OperatorToken,
    MachineResult? Machine);

public sealed record IssuedToken(ApiToken Token, string Secret);

public sealed record MachineResult(User User, IssuedToken Pat, IssuedMachineKey? Key);

public sealed record IssuedMachineKey(MachineKey Key, string KeyFileBase64);

public sealed record SetupStatus(bool Allowed, DateTime? CompletedAt, SetupChannel? Channel);

public sealed class SetupAlreadyCompletedException() : InvalidOperationException("Setup has already been completed.");
