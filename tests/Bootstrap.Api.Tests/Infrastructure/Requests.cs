namespace Bootstrap.Api.Tests.Infrastructure;

/// <summary>Valid request bodies that tests vary one field at a time.</summary>
public static class Requests
{
    public const string Password = "correct-horse-9";

    public static Dictionary<string, object?> InfluxOnboarding() => new()
    {
        ["username"] = "admin",
        ["password"] = Password,
        ["org"] = "acme",
        ["bucket"] = "telemetry",
        ["retentionPeriodSeconds"] = 7 * 86400,
    };

    public static Dictionary<string, object?> NativeSetup(bool withMachine = true)
    {
        var body = new Dictionary<string, object?>
        {
            ["organization"] = "Acme Corp",
            ["admin"] = new Dictionary<string, object?> { ["userName"] = "admin", ["email"] = "admin@acme.test", ["password"] = Password },
            ["bucket"] = new Dictionary<string, object?> { ["name"] = "telemetry", ["retentionSeconds"] = 30 * 86400 },
        };
        if (withMachine)
        {
            body["machine"] = new Dictionary<string, object?>
            {
                ["userName"] = "ci-bot",
                ["name"] = "CI robot",
                ["machineKey"] = true,
            };
        }
        return body;
    }

    /// <summary>The native body as the wizard's typed client sends it.</summary>
    public static Bootstrap.Domain.Setup.SetupRequest NativeSetupRequest() => new()
    {
        Organization = "Acme Corp",
        Admin = new() { UserName = "admin", Email = "admin@acme.test", Password = Password },
        Bucket = new() { Name = "telemetry", RetentionSeconds = 30 * 86400 },
    };
}
