using Bootstrap.Api.Data;
using Bootstrap.Testing.Launcher;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.E2E.Tests.Infrastructure;

/// <summary>
/// The real executable (Kestrel, the build output of Bootstrap.Web) on a loopback port it chooses itself, with its
/// own temporary SQLite file, exactly as an operator would start it.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private const string ClaimTokenSuffix = ".setup-token";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly RunningApp _app;

    private AppServer(RunningApp app, string databasePath)
    {
        _app = app;
        DatabasePath = databasePath;
        Http = new HttpClient { BaseAddress = BaseUrl };
    }

    public Uri BaseUrl => _app.HttpAddress;

    public string DatabasePath { get; }

    /// <summary>Where the app writes its one-time setup code.</summary>
    public string ClaimTokenPath => DatabasePath + ClaimTokenSuffix;

    /// <summary>A client for the API, as a script would call it.</summary>
    public HttpClient Http { get; }

    public string Log => _app.Output;

    /// <param name="settings">Configuration overrides in environment-variable form, e.g. <c>Setup__ClaimMode</c>.</param>
    public static async Task<AppServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"bootstrap-e2e-{Guid.NewGuid():N}.db");
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Bootstrap"] = $"Data Source={databasePath}",
            ["Setup__ClaimTokenPath"] = databasePath + ClaimTokenSuffix,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var app = RunningApp.Start(new AppCommand(WebExecutable()) { Environment = environment });
        try
        {
            await app.WaitUntilReadyAsync("/health", StartTimeout);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new AppServer(app, databasePath);
    }

    /// <summary>The app's own database, opened read-side for assertions.</summary>
    public BootstrapDbContext OpenDatabase() => new(
        new DbContextOptionsBuilder<BootstrapDbContext>().UseSqlite($"Data Source={DatabasePath}").Options,
        new CurrentInstance());

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ClaimTokenSuffix })
        {
            File.Delete(DatabasePath + suffix);
        }
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
