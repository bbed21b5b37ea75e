using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Bootstrap.Api.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL server for the test run: Debian's binaries, a temp data folder, a free
/// loopback port, no fsync. Started on first use and stopped when the test process exits. Set
/// <c>BOOTSTRAP_TEST_POSTGRES</c> to an admin connection string to use an existing server instead.
/// </summary>
public sealed class PostgresServer
{
    public const string ExternalServerVariable = "BOOTSTRAP_TEST_POSTGRES";

    private const string FolderPrefix = "bootstrap-pg-";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private PostgresServer(string adminConnectionString) => AdminConnectionString = adminConnectionString;

    public string AdminConnectionString { get; }

    /// <summary>Where Debian's postgresql package puts each version's server binaries.</summary>
    public const string DebianInstallFolder = "/usr/lib/postgresql";

    /// <summary>Why the PostgreSQL tests fail (never skip) on a machine without PostgreSQL, and how to fix it.</summary>
    private static string NotInstalledMessage(string installFolder) =>
        $"PostgreSQL is not installed (no {installFolder}/*/bin/initdb), and the tests run on it too: install it with " +
        $"`sudo apt-get install postgresql` (./test.sh does), or set {ExternalServerVariable} to an admin connection string of a server to use.";

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>A new empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"bootstrap_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>A new database with the rows of <paramref name="connectionString"/>'s; returns its connection string.</summary>
    public async Task<string> CopyDatabaseAsync(string connectionString)
    {
        var source = new NpgsqlConnectionStringBuilder(connectionString).Database;
        var name = $"bootstrap_test_{Guid.NewGuid():N}";
        // A template must have no open connection: close this process's idle pooled ones first.
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{source}\"");
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(ExternalServerVariable) is { Length: > 0 } external)
        {
            return new PostgresServer(external);
        }

        var bin = RequireBinFolder(DebianInstallFolder);
        DeleteFoldersOfEndedRuns();
        var dataFolder = Path.Combine(Path.GetTempPath(), $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataFolder);
        // The server refuses to run as root; as root, hand the folder to the postgres user.
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", "postgres:postgres", dataFolder);
        }
        var port = FreePort();
        await RunAsync(asRoot, Path.Combine(bin, "initdb"), "-D", dataFolder, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions");
        await RunAsync(asRoot, Path.Combine(bin, "pg_ctl"), "-D", dataFolder, "-l", Path.Combine(dataFolder, "server.log"), "-w", "-t", "60", "start",
            "-o", $"-p {port} -k {dataFolder} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off");

        // The folder itself goes at the next run (DeleteFoldersOfEndedRuns): exit handlers get little time.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            RunAsync(asRoot, Path.Combine(bin, "pg_ctl"), "-D", dataFolder, "-m", "immediate", "-w", "stop").GetAwaiter().GetResult();
        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50");
    }

    /// <summary>Data folders left by test runs whose process has ended (its id is in the name).</summary>
    private static void DeleteFoldersOfEndedRuns()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var processId = Path.GetFileName(folder)[FolderPrefix.Length..].Split('-')[0];
            if (int.TryParse(processId, out var id) && !IsRunning(id))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // Another run may be deleting it too.
                }
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The newest version's bin folder under <paramref name="installFolder"/>; fails saying how to install PostgreSQL when there is none.</summary>
    public static string RequireBinFolder(string installFolder) =>
        (Directory.Exists(installFolder)
            ? Directory.GetDirectories(installFolder)
                .Select(version => Path.Combine(version, "bin"))
                .Where(folder => File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")))
                .OrderByDescending(folder => folder, StringComparer.Ordinal)
                .FirstOrDefault()
            : null)
        ?? throw new InvalidOperationException(NotInstalledMessage(installFolder));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsync(bool asPostgresUser, string program, params string[] args) =>
        asPostgresUser ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }
}
