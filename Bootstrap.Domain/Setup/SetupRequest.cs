using Bootstrap.Domain.Entities;

namespace Bootstrap.Domain.Setup;

/// <summary>
/// The native superset request (<c>POST /api/setup</c>) that the wizard, the CLI and the
/// FirstRun configuration all send. Mutable so the wizard's form can bind to it.
/// </summary>
public sealed class SetupRequest
{
    public string? Organization { get; set; }
    public AdminRequest? Admin { get; set; } = new();
    public BucketRequest? Bucket { get; set; } = new();
    public MachineRequest? Machine { get; set; }

    public SetupCommand ToCommand() => new(
        Organization!.Trim(),
        new AdminSpec(Admin!.UserName!.Trim(), Admin.Email!.Trim(), Admin.Password),
        new BucketSpec(Bucket!.Name!.Trim(), Bucket.RetentionSeconds),
        Machine is null
            ? null
            : new MachineSpec(Machine.UserName!.Trim(), Machine.Name!.Trim(), Machine.PatExpiresAt?.ToUniversalTime(),
                Machine.MachineKey, Machine.MachineKeyExpiresAt?.ToUniversalTime()));
}

public sealed class AdminRequest
{
    public string? UserName { get; set; }
    public string? Email { get; set; }
    public string? Password { get; set; }
}

public sealed class BucketRequest
{
    public string? Name { get; set; }

    /// <summary>0 keeps data forever; anything else must be at least an hour.</summary>
    public long RetentionSeconds { get; set; }
}

public sealed class MachineRequest
{
    public string? UserName { get; set; }
    public string? Name { get; set; }
    public DateTime? PatExpiresAt { get; set; }
    public bool MachineKey { get; set; }
    public DateTime? MachineKeyExpiresAt { get; set; }
}

public static class SetupChannels
{
    public static string ToWire(this SetupChannel channel) => channel.ToString().ToLowerInvariant();
}
