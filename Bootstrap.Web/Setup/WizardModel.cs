using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Time;

namespace Bootstrap.Web.Setup;

public enum WizardStep
{
    Claim,
    Organization,
    Admin,
    Bucket,
    Machine,
    Review,
    Done,
}

/// <summary>
/// Everything the wizard collects. <see cref="Request"/> is the exact body of the one
/// <c>POST /api/setup</c>; the rest are choices that shape it (presets, confirmation, setup code).
/// </summary>
public sealed class WizardModel
{
    private readonly MachineRequest _machine = new();
    private long? _retentionPreset = 30 * Durations.Day;
    private string? _customRetention = "90d";

    public WizardModel()
    {
        ApplyRetention();
    }

    public SetupRequest Request { get; } = new() { Admin = new AdminRequest(), Bucket = new BucketRequest() };

    public AdminRequest Admin => Request.Admin!;

    public BucketRequest Bucket => Request.Bucket!;

    public string? ConfirmPassword { get; set; }

    /// <summary>Typed by a remote operator, sent as <c>X-Setup-Token</c>; never persisted.</summary>
    public string? ClaimToken { get; set; }

    /// <summary>A preset retention in seconds, or null for a custom duration.</summary>
    public long? RetentionPreset
    {
        get => _retentionPreset;
        set
        {
            _retentionPreset = value;
            ApplyRetention();
        }
    }

    /// <summary>The custom retention as typed ("90d", "1h30m"), read by the same parser as the CLI and FirstRun.</summary>
    public string? CustomRetention
    {
        get => _customRetention;
        set
        {
            _customRetention = value;
            ApplyRetention();
        }
    }

    /// <summary>The machine user's fields survive switching it off and on again.</summary>
    public bool CreateMachineUser
    {
        get => Request.Machine is not null;
        set => Request.Machine = value ? _machine : null;
    }

    public MachineRequest Machine => _machine;

    /// <summary>Days until the PAT expires; null never expires.</summary>
    public int? PatLifetimeDays { get; set; }

    /// <summary>Turns the chosen lifetime into the absolute expiry the API expects, as of <paramref name="now"/>.</summary>
    public void StampPatExpiry(DateTime now) =>
        _machine.PatExpiresAt = PatLifetimeDays is { } days ? now.AddDays(days) : null;

    public WizardDraft ToDraft(WizardStep step) => new()
    {
        Step = step,
        Organization = Request.Organization,
        AdminUserName = Admin.UserName,
        AdminEmail = Admin.Email,
        BucketName = Bucket.Name,
        RetentionPreset = RetentionPreset,
        CustomRetention = CustomRetention,
        CreateMachineUser = CreateMachineUser,
        MachineUserName = _machine.UserName,
        MachineName = _machine.Name,
        PatLifetimeDays = PatLifetimeDays,
        MachineKey = _machine.MachineKey,
    };

    public void Restore(WizardDraft draft)
    {
        Request.Organization = draft.Organization;
        Admin.UserName = draft.AdminUserName;
        Admin.Email = draft.AdminEmail;
        Bucket.Name = draft.BucketName;
        _retentionPreset = draft.RetentionPreset;
        _customRetention = draft.CustomRetention;
        ApplyRetention();
        _machine.UserName = draft.MachineUserName;
        _machine.Name = draft.MachineName;
        _machine.MachineKey = draft.MachineKey;
        PatLifetimeDays = draft.PatLifetimeDays;
        CreateMachineUser = draft.CreateMachineUser;
    }

    // An unreadable custom duration becomes -1, which the shared validator refuses, so it can never be sent.
    private void ApplyRetention() =>
        Bucket.RetentionSeconds = _retentionPreset
            ?? (DurationParser.TryParseSeconds(_customRetention, out var seconds, out _) ? seconds : -1);
}

/// <summary>What survives a reload mid-wizard: everything typed except passwords and the setup code.</summary>
public sealed record WizardDraft
{
    public WizardStep Step { get; init; }
    public string? Organization { get; init; }
    public string? AdminUserName { get; init; }
    public string? AdminEmail { get; init; }
    public string? BucketName { get; init; }
    public long? RetentionPreset { get; init; }
    public string? CustomRetention { get; init; }
    public bool CreateMachineUser { get; init; }
    public string? MachineUserName { get; init; }
    public string? MachineName { get; init; }
    public int? PatLifetimeDays { get; init; }
    public bool MachineKey { get; init; }
}
