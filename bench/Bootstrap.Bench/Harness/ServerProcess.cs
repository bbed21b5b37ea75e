using System.Diagnostics;
using System.Globalization;
using Bootstrap.Testing.Launcher;

namespace Bootstrap.Bench.Harness;

/// <summary>A host started from its build output on loopback ports it chooses itself; killed on dispose.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly RunningApp _app;
    private readonly StreamWriter _log;

    private ServerProcess(RunningApp app, StreamWriter log)
    {
        _app = app;
        _log = log;
    }

    /// <summary>The <c>Http</c> endpoint; known once <see cref="WaitForOkAsync"/> has returned.</summary>
    public Uri BaseAddress => _app.HttpAddress;

    /// <summary>Starts <paramref name="entryDll"/> through its apphost, as <c>dotnet run</c> and a published app do.</summary>
    public static ServerProcess Start(string entryDll, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var settings = new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        foreach (var (key, value) in environment)
        {
            settings[key] = value;
        }
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        // Bootstrap's gRPC endpoint stays on, as shipped (the baseline has no such endpoint).
        var grpc = Path.GetFileName(entryDll) == "Bootstrap.Web.dll" ? GrpcEndpoint.On : GrpcEndpoint.Absent;
        var app = RunningApp.Start(new AppCommand(entryDll) { Environment = settings, ThroughAppHost = true }, grpc: grpc,
            onOutputLine: line => Append(log, line));
        return new ServerProcess(app, log);
    }

    /// <summary>Waits until <paramref name="path"/> answers 200; returns <paramref name="clock"/>'s reading then.</summary>
    public async Task<TimeSpan> WaitForOkAsync(string path, Stopwatch clock, TimeSpan timeout)
    {
        await _app.WaitUntilReadyAsync(path, timeout);
        return clock.Elapsed;
    }

    /// <summary>Resident set size, as the kernel counts it.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_app.ProcessId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes * 1024;
    }

    /// <summary>CPU time the host has used so far, user and kernel: per request, it does not depend on what else the machine runs.</summary>
    public TimeSpan CpuTime() => _app.CpuTime();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static void Append(StreamWriter log, string line)
    {
        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }
}
