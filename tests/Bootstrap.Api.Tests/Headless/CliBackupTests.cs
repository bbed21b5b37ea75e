using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Bootstrap.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Bootstrap.Api.Tests.Headless;

/// <summary><c>backup --to</c> and <c>restore --from</c>, run as the real executable beside a real server.</summary>
[Collection(AppProcess.Collection)]
public sealed class CliBackupTests(ITestOutputHelper output)
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly Dictionary<string, string?> ServerSettings = new()
    {
        ["SystemApi__Token"] = BootstrapApiFactory.SystemToken,
        // The writer below creates instances as fast as it can, far beyond the setup doors' default limit.
        ["RateLimits__SetupPerMinute"] = "1000000",
    };

    [Fact]
    public async Task BackupAndRestore_ShouldCopyARunningServerSoThatTokensAndSessionsFromBeforeTheBackupStillWork()
    {
        using var source = new TempFolder();
        using var target = new TempFolder();
        var sourceDatabase = DatabaseIn(source);
        var targetDatabase = DatabaseIn(target);
        var archive = source.File("backup.tar");
        await SetUpOfflineAsync(source, sourceDatabase);
        var operatorToken = (await File.ReadAllTextAsync(source.File("operator"))).Trim();

        await using var server = await BootstrapExecutable.StartServerAsync(source, sourceDatabase, ServerSettings);
        using var client = new HttpClient { BaseAddress = server.Url };
        // Signing in creates the key ring: its key is encrypted in the database under the key file beside it.
        var cookie = await client.SignInForCookieAsync("admin", Requests.Password);

        using var stopWriting = new CancellationTokenSource();
        var writes = new List<(TimeSpan Start, TimeSpan End)>();
        var clock = Stopwatch.StartNew();
        var writer = Task.Run(async () =>
        {
            for (var number = 1; !stopWriting.IsCancellationRequested; number++)
            {
                var body = ZitadelFixtures.CreateInstance($"instance-{number}.backup.test");
                body["instanceName"] = $"Instance {number}";
                var started = clock.Elapsed;
                using var created = await client.PostSystemAsync("/system/v1/instances/_create", body);
                Assert.True(created.StatusCode == HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
                lock (writes)
                {
                    writes.Add((started, clock.Elapsed));
                }
            }
        });
        await WhileWritingUntilAsync(writer, () => Count(writes) >= 5);

        var backupStarted = clock.Elapsed;
        var backedUp = await BootstrapExecutable.RunAsync(source, sourceDatabase, ["backup", "--to", archive, "--json"], environment: ServerSettings);
        var backupEnded = clock.Elapsed;
        var writtenBefore = Count(writes, w => w.End < backupStarted);
        await WhileWritingUntilAsync(writer, () => Count(writes, w => w.Start > backupEnded) >= 3);
        await stopWriting.CancelAsync();
        await writer;

        Assert.True(backedUp.ExitCode == 0, backedUp.ToString());
        Assert.Equal(OwnerReadWrite, TempFolder.ModeOf(archive));
        var during = writes.Where(w => w.End > backupStarted && w.Start < backupEnded).ToList();
        Assert.NotEmpty(during);
        var report = JsonDocument.Parse(backedUp.Stdout).RootElement;
        Assert.True(report.GetProperty("holdsKey").GetBoolean());
        Assert.True(report.GetProperty("sealedValues").GetInt32() >= 1);
        output.WriteLine($"backup process {(backupEnded - backupStarted).TotalMilliseconds:F0} ms, online copy {report.GetProperty("copyMilliseconds")} ms; " +
            $"instance creation while it ran: {Latencies(during)}; before: {Latencies(writes.Where(w => w.End < backupStarted))}; " +
            $"after: {Latencies(writes.Where(w => w.Start > backupEnded))}");

        var otherKey = new Dictionary<string, string?> { ["DataProtection__Key"] = Convert.ToBase64String(new byte[32]) };
        var withOtherKey = await BootstrapExecutable.RunAsync(target, targetDatabase, ["restore", "--from", archive], environment: otherKey);
        Assert.True(withOtherKey.ExitCode == 1, withOtherKey.ToString());
        Assert.Contains("DataProtection:Key is set to another key than the backup's", withOtherKey.Stderr);
        Assert.Empty(target.FileNames());

        var restored = await BootstrapExecutable.RunAsync(target, targetDatabase, ["restore", "--from", archive]);
        Assert.True(restored.ExitCode == 0, restored.ToString());
        Assert.Equal(OwnerReadWrite, TempFolder.ModeOf(targetDatabase));
        Assert.Equal(OwnerReadWrite, TempFolder.ModeOf(Path.Combine(target.Path, "data", "data-protection.key")));

        await using var second = await BootstrapExecutable.StartServerAsync(target, targetDatabase, ServerSettings);
        using var secondClient = new HttpClient { BaseAddress = second.Url };
        Assert.Equal(HttpStatusCode.OK, (await secondClient.GetWithTokenAsync("/api/v2/me", operatorToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secondClient.SendAsync(SessionCookies.WithCookie(HttpMethod.Get, "/api/v2/me", cookie))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await secondClient.SignInAsync("admin", Requests.Password)).StatusCode);

        await using var restoredDatabase = new SqliteConnection($"Data Source={targetDatabase};Mode=ReadOnly;Pooling=False");
        await restoredDatabase.OpenAsync();
        Assert.Equal("ok", await ScalarAsync(restoredDatabase, "PRAGMA integrity_check"));
        // The first run's instance, every instance created before the backup started, none after it ended.
        var instances = Convert.ToInt32(await ScalarAsync(restoredDatabase, """SELECT COUNT(*) FROM "Instances" """));
        Assert.InRange(instances, 1 + writtenBefore, 1 + writtenBefore + during.Count);
        // A snapshot, not a torn copy: every created instance came with its machine user's token.
        Assert.Equal(0L, await ScalarAsync(restoredDatabase,
            """SELECT COUNT(*) FROM "Instances" i WHERE NOT EXISTS (SELECT 1 FROM "ApiTokens" t WHERE t."InstanceId" = i."Id")"""));
    }

    [Fact]
    public async Task BackupHelp_ShouldSayTheFileIsASecretAndRequireTo()
    {
        using var folder = new TempFolder();
        var database = DatabaseIn(folder);

        var help = await BootstrapExecutable.RunAsync(folder, database, ["backup", "--help"]);
        var withoutTo = await BootstrapExecutable.RunAsync(folder, database, ["backup"]);

        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("THE FILE IS A SECRET", help.Stdout);
        Assert.Contains("--force", help.Stdout);
        Assert.True(withoutTo.ExitCode == 64, withoutTo.ToString());
        Assert.Contains("option '--to' is required", withoutTo.Stderr);
        Assert.Empty(folder.FileNames());
    }

    [Fact]
    public async Task Backup_ShouldRefuseToReplaceAFileWithoutForce()
    {
        using var folder = new TempFolder();
        var database = DatabaseIn(folder);
        await SetUpOfflineAsync(folder, database);
        var archive = folder.File("backup.tar");
        await File.WriteAllTextAsync(archive, "an older backup");

        var refused = await BootstrapExecutable.RunAsync(folder, database, ["backup", "--to", archive]);

        Assert.True(refused.ExitCode == 64, refused.ToString());
        Assert.Contains("exists already; add --force to replace it", refused.Stderr);
        Assert.Equal("an older backup", await File.ReadAllTextAsync(archive));
        var forced = await BootstrapExecutable.RunAsync(folder, database, ["backup", "--to", archive, "--force"]);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Contains("It holds secrets", forced.Stdout);
        Assert.Equal(OwnerReadWrite, TempFolder.ModeOf(archive));
    }

    [Fact]
    public async Task Restore_ShouldRefuseATruncatedOrDamagedFileAndATargetThatIsNotEmpty()
    {
        using var source = new TempFolder();
        using var target = new TempFolder();
        var sourceDatabase = DatabaseIn(source);
        var targetDatabase = DatabaseIn(target);
        await SetUpOfflineAsync(source, sourceDatabase);
        var archive = source.File("backup.tar");
        Assert.Equal(0, (await BootstrapExecutable.RunAsync(source, sourceDatabase, ["backup", "--to", archive])).ExitCode);
        var whole = await File.ReadAllBytesAsync(archive);
        var truncated = source.File("truncated.tar");
        await File.WriteAllBytesAsync(truncated, whole[..(whole.Length / 2)]);
        var damaged = source.File("damaged.tar");
        var flipped = whole.ToArray();
        flipped[whole.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(damaged, flipped);
        var notABackup = source.File("operator");

        foreach (var (file, reason) in new[] { (truncated, "does not match"), (damaged, "does not match"), (notABackup, "truncated or damaged") })
        {
            var refused = await BootstrapExecutable.RunAsync(target, targetDatabase, ["restore", "--from", file]);
            Assert.True(refused.ExitCode == 3, refused.ToString());
            Assert.Contains("is not a usable Bootstrap backup", refused.Stderr);
            Assert.Contains(reason, refused.Stderr);
            Assert.Empty(target.FileNames());
        }

        var restored = await BootstrapExecutable.RunAsync(target, targetDatabase, ["restore", "--from", archive]);
        Assert.True(restored.ExitCode == 0, restored.ToString());
        var again = await BootstrapExecutable.RunAsync(target, targetDatabase, ["restore", "--from", archive]);
        Assert.True(again.ExitCode == 64, again.ToString());
        Assert.Contains($"restore needs an empty installation, but {targetDatabase}", again.Stderr);
        Assert.StartsWith("Set up at", (await BootstrapExecutable.RunAsync(target, targetDatabase, ["status", "--offline"])).Stdout);
    }

    [Fact]
    public async Task BackupAndRestore_ShouldPointToPgDumpOnPostgres()
    {
        using var folder = new TempFolder();
        var postgres = new Dictionary<string, string?>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Bootstrap"] = "Host=127.0.0.1;Database=bootstrap;Username=bootstrap",
        };
        await File.WriteAllTextAsync(folder.File("backup.tar"), "");

        var backup = await BootstrapExecutable.RunAsync(folder, DatabaseIn(folder), ["backup", "--to", folder.File("new.tar")], environment: postgres);
        var restore = await BootstrapExecutable.RunAsync(folder, DatabaseIn(folder), ["restore", "--from", folder.File("backup.tar")], environment: postgres);

        Assert.True(backup.ExitCode == 64, backup.ToString());
        Assert.Contains("pg_dump -Fc", backup.Stderr);
        Assert.True(restore.ExitCode == 64, restore.ToString());
        Assert.Contains("pg_restore", restore.Stderr);
        Assert.Equal(["backup.tar"], folder.FileNames());
    }

    private static string DatabaseIn(TempFolder folder) => Path.Combine(folder.Path, "data", "bootstrap.db");

    private static async Task SetUpOfflineAsync(TempFolder folder, string database)
    {
        var result = await BootstrapExecutable.RunAsync(folder, database,
            ["setup", "--offline", "--org", "Acme Corp", "--username", "admin", "--email", "admin@acme.test", "--password-stdin",
             "--bucket", "telemetry", "--token-out", folder.File("operator")],
            Requests.Password + "\n");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>Waits for <paramref name="condition"/>, failing at once with the writer's own failure if it stops.</summary>
    private static async Task WhileWritingUntilAsync(Task writer, Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (writer.IsCompleted)
            {
                await writer;
                throw new InvalidOperationException("The writer stopped before the condition was met.");
            }
            await Task.Delay(50, timeout.Token);
        }
    }

    private static string Latencies(IEnumerable<(TimeSpan Start, TimeSpan End)> writes)
    {
        var milliseconds = writes.Select(w => (w.End - w.Start).TotalMilliseconds).Order().ToList();
        return $"{milliseconds.Count} writes, median {milliseconds[milliseconds.Count / 2]:F0} ms, slowest {milliseconds[^1]:F0} ms";
    }

    private static int Count(List<(TimeSpan Start, TimeSpan End)> writes, Func<(TimeSpan Start, TimeSpan End), bool>? which = null)
    {
        lock (writes)
        {
            return writes.Count(which ?? (_ => true));
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
