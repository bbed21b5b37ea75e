using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;

namespace Bootstrap.Api.Tests.Infrastructure;

/// <summary>
/// The app as a separate OS process on a loopback port, for what an in-process host cannot show:
/// two processes sharing one database, and a process that dies in the middle of a setup.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    public const string Web = "Bootstrap.Web.dll";
    public const string CrashHost = "Bootstrap.CrashHost.dll";

    /// <summary>Tests that start processes share this collection, so that they take turns at the CPU rather than starve each other.</summary>
    public const string Collection = "App processes";

    // Generous: the start-up JIT competes with the rest of the suite, and with other builds, for the machine.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly ITestOutputHelper _testOutput;

    private AppProcess(string assemblyFileName, TempFolder folder, ITestOutputHelper testOutput, IReadOnlyDictionary<string, string>? environment, string? bindHost,
        bool grpc, int? port)
    {
        _testOutput = testOutput;
        DatabasePath = folder.File("bootstrap.db");
        port ??= FreeLoopbackPort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        GrpcAddress = grpc ? new Uri($"http://127.0.0.1:{FreeLoopbackPort()}") : null;
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            // Relative paths the app writes to (data/, the claim token) land in the test's folder.
            WorkingDirectory = folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var urls = bindHost is null ? BaseAddress.ToString() : $"http://{bindHost}:{port}";
        foreach (var argument in new[] { "exec", Path.Combine(AppContext.BaseDirectory, assemblyFileName), "--urls", urls })
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        startInfo.Environment["ConnectionStrings__Bootstrap"] = $"Data Source={DatabasePath}";
        // Off (an empty URL) unless asked for, and then on a free port: parallel tests never compete for 5081.
        startInfo.Environment["Kestrel__Endpoints__Grpc__Url"] = GrpcAddress?.ToString().TrimEnd('/') ?? "";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        _process = new Process { StartInfo = startInfo };
        _process.OutputDataReceived += (_, line) => Record(line.Data);
        _process.ErrorDataReceived += (_, line) => Record(line.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }

    /// <summary>The cleartext HTTP/2 <c>Grpc</c> endpoint, when the process was started with one.</summary>
    public Uri? GrpcAddress { get; }

    /// <summary>The SQLite file in the folder, shared by every process started on that folder.</summary>
    public string DatabasePath { get; }

    public HttpClient Client { get; }

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

    /// <summary>
    /// Starts <paramref name="assemblyFileName"/> (copied beside the tests) in <paramref name="folder"/>, on the
    /// database file there; what it prints goes to <paramref name="testOutput"/> when it is disposed.
    /// </summary>
    /// <param name="environment">More environment variables, in ASP.NET Core's form (<c>Setup__ClaimMode</c>).</param>
    /// <param name="bindHost">Where the server listens (<c>0.0.0.0</c>); by default 127.0.0.1. Tests reach it on 127.0.0.1 either way.</param>
    /// <param name="grpc">Whether the <c>Grpc</c> endpoint is on (<see cref="GrpcAddress"/>).</param>
    /// <param name="port">The HTTP port, when the environment must name it (<c>PublicUrl</c>); by default a free one.</param>
    public static AppProcess Start(string assemblyFileName, TempFolder folder, ITestOutputHelper testOutput,
        IReadOnlyDictionary<string, string>? environment = null, string? bindHost = null, bool grpc = false, int? port = null) =>
        new(assemblyFileName, folder, testOutput, environment, bindHost, grpc, port);

    public async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{this} exited with code {_process.ExitCode} before it was healthy.\n{Output}");
            }
            try
            {
                using var response = await Client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{this} was not healthy within {StartTimeout}.\n{Output}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{this} did not exit within {timeout}.\n{Output}");
        }
        return _process.ExitCode;
    }

    public override string ToString() => $"{_process.StartInfo.ArgumentList[1]} on {BaseAddress}";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _testOutput.WriteLine($"--- {this} ---\n{Output}");
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
