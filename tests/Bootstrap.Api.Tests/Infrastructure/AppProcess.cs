using Bootstrap.Testing.Launcher;
using Xunit.Abstractions;

namespace Bootstrap.Api.Tests.Infrastructure;

/// <summary>
/// The app as a separate OS process on a loopback port it chooses itself, for what an in-process host cannot show:
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

    private readonly RunningApp _app;
    private readonly ITestOutputHelper _testOutput;
    private readonly Lazy<HttpClient> _client;

    private AppProcess(string assemblyFileName, TempFolder folder, ITestOutputHelper testOutput, IReadOnlyDictionary<string, string>? environment,
        string? bindHost, bool grpc, int httpPort = 0)
    {
        _testOutput = testOutput;
        DatabasePath = folder.File("bootstrap.db");
        var settings = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ConnectionStrings__Bootstrap"] = $"Data Source={DatabasePath}",
            // Relative paths the app writes to (data/, the claim token) land in the test's folder, as under systemd's StateDirectory=.
            ["STATE_DIRECTORY"] = folder.Path,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            settings[name] = value;
        }
        var command = new AppCommand(Path.Combine(AppContext.BaseDirectory, assemblyFileName)) { WorkingDirectory = folder.Path, Environment = settings };
        _app = RunningApp.Start(command, bindHost ?? "127.0.0.1", grpc ? GrpcEndpoint.On : GrpcEndpoint.Off, httpPort: httpPort);
        _client = new(() => new HttpClient { BaseAddress = BaseAddress });
    }

    /// <summary>The <c>Http</c> endpoint, on loopback; known once <see cref="WaitUntilHealthyAsync"/> has returned.</summary>
    public Uri BaseAddress => _app.HttpAddress;

    /// <summary>The cleartext HTTP/2 <c>Grpc</c> endpoint, when the process was started with one.</summary>
    public Uri? GrpcAddress => _app.GrpcAddress;

    /// <summary>The SQLite file in the folder, shared by every process started on that folder.</summary>
    public string DatabasePath { get; }

    public HttpClient Client => _client.Value;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output => _app.Output;

    /// <summary>
    /// Starts <paramref name="assemblyFileName"/> (copied beside the tests) in <paramref name="folder"/>, on the
    /// database file there; what it prints goes to <paramref name="testOutput"/> when it is disposed.
    /// </summary>
    /// <param name="environment">More environment variables, in ASP.NET Core's form (<c>Setup__ClaimMode</c>).</param>
    /// <param name="bindHost">Where the server listens (<c>0.0.0.0</c>); by default 127.0.0.1. Tests reach it on 127.0.0.1 either way.</param>
    /// <param name="grpc">Whether the <c>Grpc</c> endpoint is on (<see cref="GrpcAddress"/>).</param>
    public static AppProcess Start(string assemblyFileName, TempFolder folder, ITestOutputHelper testOutput,
        IReadOnlyDictionary<string, string>? environment = null, string? bindHost = null, bool grpc = false) =>
        new(assemblyFileName, folder, testOutput, environment, bindHost, grpc);

    /// <summary>
    /// Starts Bootstrap.Web with <c>PublicUrl</c> set to its own <c>Http</c> endpoint, which must be known before the
    /// start: the one case where the port is not the server's choice. A port found free may be taken before the app
    /// binds it; then the app exits and another port is tried.
    /// </summary>
    public static async Task<AppProcess> StartWithOwnPublicUrlAsync(TempFolder folder, ITestOutputHelper testOutput,
        IReadOnlyDictionary<string, string> environment, bool grpc = false)
    {
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var port = PortFreeNow();
            var app = new AppProcess(Web, folder, testOutput, new Dictionary<string, string>(environment) { ["PublicUrl"] = $"http://127.0.0.1:{port}" },
                bindHost: null, grpc, port);
            try
            {
                await app.WaitUntilHealthyAsync();
                return app;
            }
            catch (InvalidOperationException) when (attempt < attempts && app.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await app.DisposeAsync();
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }
        }
    }

    public Task WaitUntilHealthyAsync() => _app.WaitUntilReadyAsync("/health", StartTimeout);

    public Task<int> WaitForExitAsync(TimeSpan timeout) => _app.WaitForExitAsync(timeout);

    public override string ToString() => _app.ToString();

    private static int PortFreeNow()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
        await _app.DisposeAsync();
        _testOutput.WriteLine($"--- {this} ---\n{Output}");
    }
}
