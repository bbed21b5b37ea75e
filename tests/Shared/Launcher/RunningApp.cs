using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Bootstrap.Testing.Launcher;

/// <summary>
/// A server started from its build output on ports the server itself chooses (<c>--urls http://127.0.0.1:0</c>,
/// the <c>Grpc</c> endpoint on <c>:0</c> too), never on a port a helper found free and released (another process
/// may take it in between). The bound addresses come from the lines the app prints once it listens
/// (<c>Http endpoint listening on …</c>, Bootstrap.Web's <c>EndpointReport</c>). Killed, with its children, on dispose.
/// </summary>
public sealed partial class RunningApp : IAsyncDisposable
{
    // No time limit per probe but the caller's: the app holds requests until its database is ready, which
    // takes seconds on a busy machine.
    private static readonly HttpClient Probe = new() { Timeout = Timeout.InfiniteTimeSpan };

    // The server listens by the time it reports its endpoints: the first probe mostly answers, and a short
    // interval keeps the cold-start timings of the bench precise.
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(5);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Action<string>? _onOutputLine;
    private readonly bool _grpc;
    private readonly TaskCompletionSource _endpointsReported = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _description;
    private int _openStreams = 2;
    private Uri? _httpAddress;
    private Uri? _grpcAddress;

    private RunningApp(AppCommand command, bool grpc, Action<string>? onOutputLine)
    {
        _grpc = grpc;
        _onOutputLine = onOutputLine;
        _process = new Process { StartInfo = command.ToStartInfo() };
        _process.OutputDataReceived += (_, line) => Record(line.Data);
        _process.ErrorDataReceived += (_, line) => Record(line.Data);
        _process.Start();
        _description = $"{Path.GetFileName(command.EntryDll)} (pid {_process.Id})";
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The <c>Http</c> endpoint, reachable from this machine; known once <see cref="WaitUntilReadyAsync"/> has returned.</summary>
    public Uri HttpAddress => _httpAddress ?? throw new InvalidOperationException($"{this} has not reported its Http endpoint yet: wait until it is ready.");

    /// <summary>The cleartext HTTP/2 <c>Grpc</c> endpoint, when the app was started with one.</summary>
    public Uri? GrpcAddress => _grpc ? _grpcAddress ?? throw new InvalidOperationException($"{this} has not reported its Grpc endpoint yet.") : null;

    public int ProcessId => _process.Id;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
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

    /// <summary>Starts <paramref name="command"/> as a server; returns at once: <see cref="WaitUntilReadyAsync"/> says when it serves.</summary>
    /// <param name="bindHost">Where the <c>Http</c> endpoint listens (<c>0.0.0.0</c>); it is reached on loopback either way.</param>
    /// <param name="grpc">The <c>Grpc</c> endpoint: on (port 0 too), or off (an empty URL) rather than left on 5081.</param>
    /// <param name="onOutputLine">Also gets each line the process prints (the bench's log file).</param>
    /// <param name="httpPort">
    /// 0, the default: the server chooses. A fixed port only where the configuration must name it before the start
    /// (<c>PublicUrl</c>), and then the caller handles the port being taken meanwhile.
    /// </param>
    public static RunningApp Start(AppCommand command, string bindHost = "127.0.0.1", GrpcEndpoint grpc = GrpcEndpoint.Off,
        Action<string>? onOutputLine = null, int httpPort = 0)
    {
        var withUrls = command.WithArguments("--urls", $"http://{bindHost}:{httpPort}");
        return new(grpc switch
        {
            GrpcEndpoint.On => withUrls.WithEnvironment("Kestrel__Endpoints__Grpc__Url", "http://127.0.0.1:0"),
            GrpcEndpoint.Off => withUrls.WithEnvironment("Kestrel__Endpoints__Grpc__Url", ""),
            _ => withUrls,
        }, grpc == GrpcEndpoint.On, onOutputLine);
    }

    /// <summary>
    /// Waits until the app has reported its endpoints, then polls <paramref name="path"/> until it answers 200.
    /// Fails with everything the app printed when it exits or the time is up first.
    /// </summary>
    public async Task WaitUntilReadyAsync(string path, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var exited = _process.WaitForExitAsync(CancellationToken.None);
        try
        {
            if (await Task.WhenAny(_endpointsReported.Task, exited).WaitAsync(deadline.Token) == exited)
            {
                throw await ExitedAsync("before it reported its endpoints");
            }
        }
        catch (OperationCanceledException)
        {
            throw NotReady($"reported no endpoints within {timeout}");
        }

        var url = new Uri(HttpAddress, path);
        while (!deadline.IsCancellationRequested)
        {
            if (_process.HasExited)
            {
                throw await ExitedAsync($"before {path} answered 200");
            }
            try
            {
                using var response = await Probe.GetAsync(url, deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Listening, but not answering yet.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                break;
            }
            await Task.Delay(ProbeInterval, CancellationToken.None);
        }
        throw NotReady($"did not answer 200 on {path} within {timeout}");
    }

    /// <summary>Waits for the process to end by itself; returns its exit code once all its output is read.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            await _outputClosed.Task.WaitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{this} did not exit within {timeout}.\n{Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>What an orchestrator does on stop: SIGTERM, then the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        return await WaitForExitAsync(timeout);
    }

    /// <summary>CPU time the process has used so far, user and kernel.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public override string ToString() => _description;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private Exception NotReady(string what) => new InvalidOperationException($"{this} {what}:\n{Output}");

    /// <summary>Once the process has exited, with the last of what it printed (its reason, mostly).</summary>
    private async Task<Exception> ExitedAsync(string when)
    {
        await Task.WhenAny(_outputClosed.Task, Task.Delay(TimeSpan.FromSeconds(5)));
        return NotReady($"exited with code {_process.ExitCode} {when}");
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            if (Interlocked.Decrement(ref _openStreams) == 0)
            {
                _outputClosed.TrySetResult();
            }
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
            if (EndpointLine().Match(line) is { Success: true } match)
            {
                var address = Reachable(match.Groups["address"].Value);
                if (match.Groups["endpoint"].Value == "Http")
                {
                    _httpAddress ??= address;
                }
                else
                {
                    _grpcAddress ??= address;
                }
                if (_httpAddress is not null && (!_grpc || _grpcAddress is not null))
                {
                    _endpointsReported.TrySetResult();
                }
            }
        }
        _onOutputLine?.Invoke(line);
    }

    /// <summary>A wildcard binding (<c>0.0.0.0</c>, <c>[::]</c>) is reached on loopback.</summary>
    private static Uri Reachable(string address)
    {
        var builder = new UriBuilder(address);
        if (builder.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*")
        {
            builder.Host = "127.0.0.1";
        }
        return builder.Uri;
    }

    // Matched anywhere in a line, so the simple and the JSON console formats both work.
    [GeneratedRegex(@"\b(?<endpoint>Http|Grpc) endpoint listening on (?<address>https?://[^\s""]+)")]
    private static partial Regex EndpointLine();
}

/// <summary>Bootstrap.Web's second, cleartext HTTP/2 endpoint, as the launcher starts it.</summary>
public enum GrpcEndpoint
{
    Off,
    On,

    /// <summary>The app has no such endpoint (the bench's baseline): its configuration is left alone.</summary>
    Absent,
}
