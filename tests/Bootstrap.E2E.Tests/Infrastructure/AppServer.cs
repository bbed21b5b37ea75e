using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Bootstrap.Api.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.E2E.Tests.Infrastructure;

/// <summary>
/// The real executable (Kestrel, the build output of Bootstrap.Web) on a free loopback port with its own
/// temporary SQLite file, exactly as an operator would start it.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private const string ClaimTokenSuffix = ".setup-token";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private AppServer(Process process, Uri baseUrl, string databasePath)
    {
        _process = process;
        BaseUrl = baseUrl;
        DatabasePath = databasePath;
        Http = new HttpClient { BaseAddress = baseUrl };
    }

    public Uri BaseUrl { get; }

    public string DatabasePath { get; }

    /// <summary>Where the app writes its one-time setup claim token.</summary>
    public string ClaimTokenPath => DatabasePath + ClaimTokenSuffix;

    /// <summary>A client for the API, as a script would call it.</summary>
    public HttpClient Http { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <param name="settings">Configuration overrides in environment-variable form, e.g. <c>Setup__ClaimMode</c>.</param>
    public static async Task<AppServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var databasePath = Path.Combine(Path.GetTempPath(), $"bootstrap-e2e-{Guid.NewGuid():N}.db");
        var executable = WebExecutable();

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(executable);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl.ToString().TrimEnd('/'));
        start.Environment["ConnectionStrings__Bootstrap"] = $"Data Source={databasePath}";
        start.Environment["Setup__ClaimTokenPath"] = databasePath + ClaimTokenSuffix;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // An empty URL turns the gRPC endpoint off: servers of parallel tests never compete for its port.
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = "";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var server = new AppServer(process, baseUrl, databasePath);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await server.WaitUntilHealthyAsync();
        return server;
    }

    /// <summary>The app's own database, opened read-side for assertions.</summary>
    public BootstrapDbContext OpenDatabase() => new(
        new DbContextOptionsBuilder<BootstrapDbContext>().UseSqlite($"Data Source={DatabasePath}").Options,
        new CurrentInstance());

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ClaimTokenSuffix })
        {
            File.Delete(DatabasePath + suffix);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode}:\n{Log}");
            }
            try
            {
                using var response = await Http.GetAsync("health");
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
        throw new TimeoutException($"The app did not become healthy within {StartTimeout}:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Bootstrap.Web's own build output (same configuration as these tests), where its static asset manifests live.</summary>
    private static string WebExecutable()
    {
        var outputDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = outputDirectory.Parent!.Name;
        var root = outputDirectory;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Bootstrap.sln")))
        {
            root = root.Parent;
        }
        if (root is null)
        {
            throw new InvalidOperationException($"Bootstrap.sln not found above {AppContext.BaseDirectory}.");
        }
        var executable = Path.Combine(root.FullName, "Bootstrap.Web", "bin", configuration, outputDirectory.Name, "Bootstrap.Web.dll");
        return File.Exists(executable) ? executable : throw new FileNotFoundException("Build Bootstrap.Web first.", executable);
    }
}
