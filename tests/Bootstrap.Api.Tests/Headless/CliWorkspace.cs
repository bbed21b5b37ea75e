using Bootstrap.Api.Tests.Infrastructure;

namespace Bootstrap.Api.Tests.Headless;

/// <summary>A temp folder and database for running the real executable's verbs against.</summary>
public sealed class CliWorkspace : IDisposable
{
    public TempFolder Folder { get; } = new();

    public string DatabasePath { get; } = BootstrapApiFactory.NewDatabasePath();

    public string File(string name) => Folder.File(name);

    public Task<ProcessResult> RunAsync(params string[] args) => BootstrapExecutable.RunAsync(Folder, DatabasePath, args);

    public Task<ProcessResult> RunWithStdinAsync(string stdin, params string[] args) => BootstrapExecutable.RunAsync(Folder, DatabasePath, args, stdin);

    /// <summary>The offline setup every verb test starts from; the operator token goes to <c>operator</c>.</summary>
    public async Task<ProcessResult> SetUpOfflineAsync(params string[] extraArgs)
    {
        var result = await RunWithStdinAsync(Requests.Password + "\n",
            ["setup", "--offline", "--org", "Acme Corp", "--username", "admin", "--email", "admin@acme.test", "--password-stdin",
             "--bucket", "telemetry", "--retention", "30d", "--token-out", File("operator"), .. extraArgs]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>The in-process app on the same database, to check that what the CLI did really works.</summary>
    public BootstrapApiFactory App() => new(databasePath: DatabasePath);

    public void Dispose()
    {
        BootstrapApiFactory.DeleteDatabase(DatabasePath);
        Folder.Dispose();
    }
}
