using Bootstrap.Testing.Launcher;

namespace Bootstrap.Api.Tests.Infrastructure;

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>The real executable (<c>dotnet Bootstrap.Web.dll ...</c>) as a child process, on a database of the test's.</summary>
public static class BootstrapExecutable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "Bootstrap.Web.dll");

    /// <summary>Runs a verb to completion.</summary>
    public static async Task<ProcessResult> RunAsync(TempFolder folder, string databasePath, IEnumerable<string> args, string? stdin = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var command = Command(folder, databasePath, environment) with { Arguments = [.. args] };
        using var process = System.Diagnostics.Process.Start(command.ToStartInfo())!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', command.Arguments)}' did not finish within {Timeout}.");
        }
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the server on a loopback port it chooses and waits until <c>/health</c> answers.</summary>
    public static async Task<RunningServer> StartServerAsync(TempFolder folder, string databasePath, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var app = RunningApp.Start(Command(folder, databasePath, environment));
        try
        {
            await app.WaitUntilReadyAsync("/health", Timeout);
            return new RunningServer(app);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static AppCommand Command(TempFolder folder, string databasePath, IReadOnlyDictionary<string, string?>? environment)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Bootstrap"] = $"Data Source={databasePath}",
            ["STATE_DIRECTORY"] = folder.Path,
            // An empty URL turns the gRPC endpoint off: servers of parallel tests never compete for its port.
            ["Kestrel__Endpoints__Grpc__Url"] = "",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return new AppCommand(DllPath) { WorkingDirectory = folder.Path, Environment = settings };
    }

    public sealed class RunningServer(RunningApp app) : IAsyncDisposable
    {
        public Uri Url => app.HttpAddress;

        public string Output => app.Output;

        /// <summary>What an orchestrator does on stop: SIGTERM, then wait for the exit code.</summary>
        public Task<int> TerminateAsync() => app.TerminateAsync(TimeSpan.FromSeconds(30));

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
