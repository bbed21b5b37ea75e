using System.Text;
using System.Text.Json;
using Bootstrap.Api.Native.Setup;
using Bootstrap.Web.Setup;

namespace Bootstrap.Web.Cli;

/// <summary>What <c>setup</c> prints: the response (secrets sent to files left out), or the refusals under the options to blame.</summary>
internal static class SetupOutput
{
    /// <summary>The option each secret's file is named by.</summary>
    public static readonly IReadOnlyDictionary<SetupSecret, string> FileOptions = new Dictionary<SetupSecret, string>
    {
        [SetupSecret.OperatorToken] = "token-out",
        [SetupSecret.Pat] = "pat-out",
        [SetupSecret.MachineKey] = "machine-key-out",
    };

    /// <summary>Which option to blame for an error on a JSON path of the native request.</summary>
    private static readonly Dictionary<string, string> OptionByJsonPath = new(StringComparer.Ordinal)
    {
        ["organization"] = "--org",
        ["admin"] = "--username",
        ["admin.userName"] = "--username",
        ["admin.email"] = "--email",
        ["admin.password"] = "--password-stdin",
        ["bucket"] = "--bucket",
        ["bucket.name"] = "--bucket",
        ["bucket.retentionSeconds"] = "--retention",
        ["machine.userName"] = "--machine-user",
        ["machine.name"] = "--machine-name",
        ["machine.patExpiresAt"] = "--pat-expires",
        ["machine.machineKeyExpiresAt"] = "--machine-key-expires",
    };

    public static async Task WriteRejectionAsync(CliConsole console, SetupOutcome.Rejected rejected)
    {
        await console.Error.WriteLineAsync(rejected.Errors.Count == 0 && rejected.Message is { } message
            ? $"setup: the server refused the request: {message}"
            : "setup: the request was refused:");
        foreach (var (path, messages) in rejected.Errors)
        {
            foreach (var error in messages)
            {
                await console.Error.WriteLineAsync($"  {OptionByJsonPath.GetValueOrDefault(path, path)}: {error}");
            }
        }
    }

    public static async Task WriteResultAsync(CliConsole console, SetupResponse response, SetupSecretFiles files, bool json)
    {
        var shown = Redact(response, files);
        if (json)
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(shown, CliJson.Options));
            return;
        }
        var text = new StringBuilder();
        text.AppendLine("Setup completed.");
        text.AppendLine($"  instance      {response.InstanceId}");
        text.AppendLine($"  organization  {response.Organization.Name} (slug {response.Organization.Slug})");
        text.AppendLine($"  admin         {response.Admin.UserName}");
        text.AppendLine($"  bucket        {response.Bucket.Name} (retention {(response.Bucket.RetentionSeconds == 0 ? "forever" : $"{response.Bucket.RetentionSeconds} s")})");
        if (response.Machine is not null)
        {
            text.AppendLine($"  machine user  {response.Machine.UserName}");
        }
        text.AppendLine();
        text.AppendLine(Describe(files, SetupSecret.OperatorToken, "Operator token", shown.OperatorToken));
        if (response.Machine is not null)
        {
            text.AppendLine(Describe(files, SetupSecret.Pat, "PAT", shown.Machine!.Pat));
            if (response.Machine.MachineKey is not null)
            {
                text.AppendLine(Describe(files, SetupSecret.MachineKey, "Machine key", $"(base64 of the JSON key file) {shown.Machine.MachineKey}"));
            }
        }
        await console.Out.WriteAsync(text.ToString());
    }

    /// <summary>The response without the secrets that went to files.</summary>
    private static SetupResponse Redact(SetupResponse response, SetupSecretFiles files) => response with
    {
        OperatorToken = files.Contains(SetupSecret.OperatorToken) ? null! : response.OperatorToken,
        Machine = response.Machine is null
            ? null
            : response.Machine with
            {
                Pat = files.Contains(SetupSecret.Pat) ? null! : response.Machine.Pat,
                MachineKey = files.Contains(SetupSecret.MachineKey) ? null : response.Machine.MachineKey,
            },
    };

    private static string Describe(SetupSecretFiles files, SetupSecret secret, string label, string? shownValue) =>
        files.Contains(secret) ? $"{label} written to {files.PathOf(secret)}" : $"{label}: {shownValue}";
}
