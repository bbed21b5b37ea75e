using System.Diagnostics;

namespace Bootstrap.Testing.Launcher;

/// <summary>
/// How to start a build output (<c>Bootstrap.Web.dll</c>, the crash-test host, the bench's baseline) as a child
/// process: the API tests, the browser tests and the bench all go through here (docs/testing.md).
/// </summary>
/// <param name="EntryDll">The app's dll in its build or publish output.</param>
public sealed record AppCommand(string EntryDll)
{
    /// <summary>Inherited settings that would decide for the child what the launcher or the test decides.</summary>
    private static readonly string[] InheritedHostSettings =
        ["ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS"];

    /// <summary>The app's working directory; by default the dll's folder. Its data paths do not depend on it (<c>STATE_DIRECTORY</c> does).</summary>
    public string? WorkingDirectory { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Environment variables in ASP.NET Core's form (<c>Setup__ClaimMode</c>); a null value removes an inherited one.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// Through the apphost next to the dll (as <c>dotnet run</c> and a published app start), when there is one;
    /// otherwise, and by default, <c>dotnet exec</c>.
    /// </summary>
    public bool ThroughAppHost { get; init; }

    public AppCommand WithArguments(params string[] arguments) => this with { Arguments = [.. Arguments, .. arguments] };

    public AppCommand WithEnvironment(string name, string? value) =>
        this with { Environment = new Dictionary<string, string?>(Environment) { [name] = value } };

    public ProcessStartInfo ToStartInfo()
    {
        var appHost = Path.ChangeExtension(EntryDll, null);
        var start = ThroughAppHost && File.Exists(appHost)
            ? new ProcessStartInfo(appHost)
            : new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { ArgumentList = { "exec", EntryDll } };
        start.WorkingDirectory = WorkingDirectory ?? Path.GetDirectoryName(EntryDll);
        start.UseShellExecute = false;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.StandardOutputEncoding = System.Text.Encoding.UTF8;
        start.StandardErrorEncoding = System.Text.Encoding.UTF8;
        foreach (var argument in Arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var inherited in InheritedHostSettings)
        {
            start.Environment.Remove(inherited);
        }
        // Plain lines, so that what the app prints can be read (and searched) as text.
        start.Environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        return start;
    }
}
