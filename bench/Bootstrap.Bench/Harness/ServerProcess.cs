using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Bootstrap.Bench.Harness;

/// <summary>A host started from its build output on a free loopback port; killed on dispose.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly HttpClient Probe = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1) })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly string _logPath;

    private ServerProcess(Process process, StreamWriter log, string logPath, Uri baseAddress)
    {
        _process = process;
        _log = log;
        _logPath = logPath;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Starts <paramref name="entryDll"/> through its apphost, as <c>dotnet run</c> and a published app do.</summary>
    public static ServerProcess Start(string entryDll, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var port = FreeLoopbackPort();
        var appHost = Path.ChangeExtension(entryDll, null);
        var start = File.Exists(appHost) ? new ProcessStartInfo(appHost) : new ProcessStartInfo("dotnet") { ArgumentList = { entryDll } };
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetDirectoryName(entryDll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        if (Path.GetFileName(entryDll) == "Bootstrap.Web.dll")
        {
            // Its gRPC endpoint stays on, as shipped, but on a free port rather than 5081 (baselines have no such endpoint).
            start.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{FreeLoopbackPort()}";
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(log, line.Data);
        process.ErrorDataReceived += (_, line) => Append(log, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, log, logPath, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Polls <paramref name="path"/> until it answers 200; returns <paramref name="clock"/>'s reading then.</summary>
    public async Task<TimeSpan> WaitForOkAsync(string path, Stopwatch clock, TimeSpan timeout)
    {
        var url = new Uri(BaseAddress, path);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the host exited with code {_process.ExitCode}; its output is in {_logPath}");
            }
            try
            {
                using var response = await Probe.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return clock.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{url} did not answer 200 within {timeout}; the host's output is in {_logPath}");
            }
            await Task.Delay(2);
        }
    }

    /// <summary>Resident set size, as the kernel counts it.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes * 1024;
    }

    /// <summary>CPU time the host has used so far, user and kernel: per request, it does not depend on what else the machine runs.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static void Append(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
