using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Bootstrap.Api.Tests.Infrastructure;

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>The real executable (<c>dotnet Bootstrap.Web.dll ...</c>) as a child process, on a database of the test's.</summary>
public static partial class BootstrapExecutable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "Bootstrap.Web.dll");

    /// <summary>Runs a verb to completion.</summary>
    public static async Task<ProcessResult> RunAsync(TempFolder folder, string databasePath, IEnumerable<string> args, string? stdin = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var process = Start(folder, databasePath, args, environment);
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
            throw new TimeoutException($"'{string.Join(' ', args)}' did not finish within {Timeout}.");
        }
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the server on a free loopback port and waits until it listens.</summary>
    public static async Task<RunningServer> StartServerAsync(TempFolder folder, string databasePath, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var process = Start(folder, databasePath, ["--urls", "http://127.0.0.1:0"], environment);
        process.StandardInput.Close();
        var server = new RunningServer(process);
        try
        {
            await server.WaitUntilListeningAsync(Timeout);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static Process Start(TempFolder folder, string databasePath, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var inherited in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS" })
        {
            start.Environment.Remove(inherited);
        }
        start.Environment["ConnectionStrings__Bootstrap"] = $"Data Source={databasePath}";
        start.Environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
        // An empty URL turns the gRPC endpoint off: servers of parallel tests never compete for its port.
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = "";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }
        return Process.Start(start)!;
    }

    public sealed partial class RunningServer(Process process) : IAsyncDisposable
    {
        private readonly StringBuilder _output = new();
        private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Task? _pump;

        public Uri Url { get; private set; } = null!;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public async Task WaitUntilListeningAsync(TimeSpan timeout)
        {
            _pump = Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError));
            var exited = process.WaitForExitAsync();
            var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(timeout));
            if (first != _listening.Task)
            {
                throw new InvalidOperationException($"The server did not start listening:\n{Output}");
            }
            Url = await _listening.Task;
        }

        /// <summary>What an orchestrator does on stop: SIGTERM, then wait for the exit code.</summary>
        public async Task<int> TerminateAsync()
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            await _pump!;
            return process.ExitCode;
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }

        private async Task PumpAsync(StreamReader reader)
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
                if (ListeningLine().Match(line) is { Success: true } match)
                {
                    _listening.TrySetResult(new Uri(match.Groups[1].Value));
                }
            }
        }

        [GeneratedRegex(@"Now listening on: (http://[^\s""]+)")]
        private static partial Regex ListeningLine();
    }
}
