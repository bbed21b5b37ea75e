using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Bootstrap.Api.Data;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Testing.Launcher;
using Xunit.Abstractions;

namespace Bootstrap.Api.Tests.Operations;

/// <summary>
/// deploy/bootstrap.service as systemd reads it, and the real executable as systemd runs it: its files under
/// <c>$STATE_DIRECTORY</c> (or its own folder), never the working directory, and <c>READY=1</c> once it listens.
/// </summary>
[Collection(AppProcess.Collection)]
public sealed partial class SystemdServiceTests(ITestOutputHelper output)
{
    private const string ShippedExecStart = "ExecStart=/opt/bootstrap/Bootstrap.Web";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task ServiceUnit_ShouldPassSystemdAnalyzeVerify()
    {
        using var folder = new TempFolder();
        var unit = WithExecStartInTestOutput(folder);

        var result = await SystemdAnalyzeAsync("verify", unit);

        // verify exits 0 on unknown keys and unparsable values too: it only warns, on stderr.
        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0 && result.Stdout.Length == 0, result.ToString());
    }

    [Fact]
    public async Task ServiceUnit_ShouldHaveAnExposureLevelSystemdRatesOk()
    {
        using var folder = new TempFolder();
        var unit = WithExecStartInTestOutput(folder);

        var result = await SystemdAnalyzeAsync("security", "--offline=true", unit);

        var level = ExposureLevel().Match(result.Stdout);
        Assert.True(level.Success, result.ToString());
        Assert.True(double.Parse(level.Groups["level"].Value, CultureInfo.InvariantCulture) <= 3.5, result.Stdout);
    }

    [Fact]
    public void ServiceUnit_ShouldLeaveOutMemoryDenyWriteExecuteWhichBreaksTheJit()
    {
        var unit = File.ReadAllLines(ShippedUnitPath());

        Assert.Contains("Type=notify", unit);
        Assert.Contains("StateDirectory=bootstrap", unit);
        Assert.Contains("StateDirectoryMode=0700", unit);
        Assert.DoesNotContain(unit, line => line.StartsWith("MemoryDenyWriteExecute=", StringComparison.Ordinal));
        Assert.DoesNotContain(unit, line => line.StartsWith("ProtectProc=", StringComparison.Ordinal));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task DataFolder_ShouldBeUnderTheStateDirectoryNotTheWorkingDirectory(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var workingDirectory = new TempFolder();
        using var state = new TempFolder();
        using var secondState = new TempFolder();
        var environment = new Dictionary<string, string?>
        {
            // systemd lists several StateDirectory= entries with ':'; the first is the app's.
            [DataPaths.StateDirectoryVariable] = $"{state.Path}:{secondState.Path}",
        };
        if (provider == DatabaseProvider.Postgres)
        {
            environment["Database__Provider"] = "Postgres";
            environment["ConnectionStrings__Bootstrap"] = database.ConnectionString;
        }

        await using (var app = await StartAsync(BootstrapExecutable.DllPath, workingDirectory, environment))
        {
            Assert.Contains(state.File("data/setup-token"), app.Output);
        }

        string[] expected = provider == DatabaseProvider.Sqlite
            ? ["data/bootstrap.db", "data/data-protection.key", "data/setup-token"]
            : ["data/data-protection.key", "data/setup-token"];
        var files = state.FileNames();
        Assert.All(expected, name => Assert.Contains(name, files));
        Assert.All(files, name => Assert.StartsWith("data/", name, StringComparison.Ordinal));
        Assert.Empty(secondState.FileNames());
        Assert.Empty(workingDirectory.FileNames());
    }

    [Fact]
    public async Task DataFolder_ShouldBeUnderTheAppsFolderWithoutAStateDirectory()
    {
        using var appFolder = new TempFolder();
        using var workingDirectory = new TempFolder();
        var entryDll = CopyOfTheBuildOutput(appFolder);

        await using (var app = await StartAsync(entryDll, workingDirectory, new Dictionary<string, string?> { [DataPaths.StateDirectoryVariable] = null }))
        {
            Assert.Contains(appFolder.File("data/setup-token"), app.Output);
        }

        Assert.True(File.Exists(appFolder.File("data/bootstrap.db")));
        Assert.True(File.Exists(appFolder.File("data/data-protection.key")));
        Assert.True(File.Exists(appFolder.File("data/setup-token")));
        Assert.Empty(workingDirectory.FileNames());
    }

    [Fact]
    public async Task FirstRunCredentialFiles_ShouldBeUnderTheStateDirectory()
    {
        using var workingDirectory = new TempFolder();
        using var state = new TempFolder();
        var environment = new Dictionary<string, string?>
        {
            [DataPaths.StateDirectoryVariable] = state.Path,
            ["FirstRun__Org"] = "Acme Corp",
            ["FirstRun__Bucket"] = "telemetry",
            ["FirstRun__Admin__UserName"] = "admin",
            ["FirstRun__Admin__Email"] = "admin@acme.test",
            ["FirstRun__Admin__Password"] = Requests.Password,
            ["FirstRun__OperatorTokenPath"] = "secrets/operator-token",
        };

        await using (await StartAsync(BootstrapExecutable.DllPath, workingDirectory, environment))
        {
        }

        Assert.True(File.Exists(state.File("secrets/operator-token")));
        Assert.Empty(workingDirectory.FileNames());
    }

    /// <summary>
    /// What <c>Type=notify</c> relies on: started by systemd (a parent process named <c>systemd</c>, here a copy of
    /// /bin/sh) with <c>NOTIFY_SOCKET</c> naming a datagram socket, the app sends <c>READY=1</c> once it listens
/// and its start-up steps are done,
    /// logs in journald's format, and on SIGTERM (<c>KillSignal=</c>) sends <c>STOPPING=1</c> and exits 0.
    /// </summary>
    [Fact]
    public async Task UnderSystemd_ShouldNotifyReadyOnceListeningAndStoppingOnSigterm()
    {
        using var folder = new TempFolder();
        var socketPath = folder.File("notify");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        var port = PortFreeNow();
        var start = new AppCommand(BootstrapExecutable.DllPath)
        {
            WorkingDirectory = folder.Path,
            Arguments = ["--urls", $"http://127.0.0.1:{port}"],
            Environment = new Dictionary<string, string?>
            {
                ["NOTIFY_SOCKET"] = socketPath,
                [DataPaths.StateDirectoryVariable] = folder.Path,
                ["Kestrel__Endpoints__Grpc__Url"] = "",
            },
        }.ToStartInfo();
        StartUnderFakeSystemd(start, folder);
        var appOutput = new StringBuilder();
        using var wrapper = new Process { StartInfo = start };
        wrapper.OutputDataReceived += (_, line) => Append(appOutput, line.Data);
        wrapper.ErrorDataReceived += (_, line) => Append(appOutput, line.Data);
        wrapper.Start();
        wrapper.BeginOutputReadLine();
        wrapper.BeginErrorReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            var ready = await ReceiveAsync(socket, timeout.Token);
            Assert.Equal("READY=1", ready);
            // The start-up steps (migrations, the setup code) are done by then,
            Assert.True(File.Exists(folder.File("data/setup-token")));
            // and the server listens: the first connection attempt succeeds.
            using (var client = new TcpClient())
            {
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            }

            await Signal("TERM", AppProcessUnder(wrapper));
            var stopping = await ReceiveAsync(socket, timeout.Token);
            await wrapper.WaitForExitAsync(timeout.Token);

            Assert.Equal("STOPPING=1", stopping);
            Assert.True(wrapper.ExitCode == 0, Text(appOutput));
            // journald's format: each line starts with its syslog priority, <6> for Information.
            Assert.Matches(new Regex(@"^<6>Bootstrap\.Web\.Hosting\.EndpointReport\[\d+\] Http endpoint listening on", RegexOptions.Multiline), Text(appOutput));
        }
        finally
        {
            if (!wrapper.HasExited)
            {
                wrapper.Kill(entireProcessTree: true);
            }
            output.WriteLine(Text(appOutput));
        }
    }

    private static string ShippedUnitPath()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder.FullName, "Bootstrap.sln")))
        {
            folder = folder.Parent!;
        }
        return Path.Combine(folder.FullName, "deploy", "bootstrap.service");
    }

    /// <summary>
    /// The shipped unit with ExecStart on the apphost beside the tests: verify checks that the binary exists, and
    /// /opt/bootstrap is not installed here. Everything else is the unit as shipped.
    /// </summary>
    private static string WithExecStartInTestOutput(TempFolder folder)
    {
        var shipped = File.ReadAllText(ShippedUnitPath());
        Assert.Contains(ShippedExecStart + "\n", shipped);
        var appHost = Path.Combine(AppContext.BaseDirectory, "Bootstrap.Web");
        Assert.True(File.Exists(appHost), $"{appHost} is missing");
        var unit = folder.File("bootstrap.service");
        File.WriteAllText(unit, shipped.Replace(ShippedExecStart, $"ExecStart={appHost}", StringComparison.Ordinal));
        return unit;
    }

    private static Task<ProcessResult> SystemdAnalyzeAsync(params string[] arguments) =>
        RequiredTool.RunAsync("systemd-analyze", "systemd", arguments);

    /// <summary>The server on <paramref name="entryDll"/>, from <paramref name="workingDirectory"/>, until it answers <c>/health</c>.</summary>
    private async Task<StartedApp> StartAsync(string entryDll, TempFolder workingDirectory, Dictionary<string, string?> environment)
    {
        var app = RunningApp.Start(new AppCommand(entryDll) { WorkingDirectory = workingDirectory.Path, Environment = environment });
        var started = new StartedApp(app, output);
        try
        {
            await app.WaitUntilReadyAsync("/health", StartTimeout);
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    private sealed class StartedApp(RunningApp app, ITestOutputHelper output) : IAsyncDisposable
    {
        public string Output => app.Output;

        public async ValueTask DisposeAsync()
        {
            await app.DisposeAsync();
            output.WriteLine($"--- {app} ---\n{app.Output}");
        }
    }

    /// <summary>
    /// The build output as its own app folder: the entry dll and its host files copied (the host resolves
    /// links, so a linked dll would run from the original folder), every other file linked.
    /// </summary>
    private static string CopyOfTheBuildOutput(TempFolder appFolder)
    {
        string[] copied = ["Bootstrap.Web.dll", "Bootstrap.Web.deps.json", "Bootstrap.Web.runtimeconfig.json"];
        foreach (var entry in Directory.EnumerateFileSystemEntries(AppContext.BaseDirectory))
        {
            var name = Path.GetFileName(entry);
            var target = appFolder.File(name);
            if (copied.Contains(name))
            {
                File.Copy(entry, target);
            }
            else if (name != "data")
            {
                File.CreateSymbolicLink(target, entry);
            }
        }
        return appFolder.File("Bootstrap.Web.dll");
    }

    /// <summary>Runs <paramref name="start"/> as the child of a shell copied as <c>systemd</c>, which is what the app checks its parent for.</summary>
    private static void StartUnderFakeSystemd(ProcessStartInfo start, TempFolder folder)
    {
        var fakeSystemd = folder.File("systemd");
        // File.Copy keeps the mode: the copy is executable.
        File.Copy("/bin/sh", fakeSystemd);
        // "; exit $?" keeps the shell from exec'ing the app in its own place: it must stay the parent.
        string[] wrapper = ["-c", "\"$@\"; exit $?", "systemd", start.FileName];
        for (var i = 0; i < wrapper.Length; i++)
        {
            start.ArgumentList.Insert(i, wrapper[i]);
        }
        start.FileName = fakeSystemd;
    }

    private static int AppProcessUnder(Process wrapper)
    {
        var children = File.ReadAllText($"/proc/{wrapper.Id}/task/{wrapper.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return int.Parse(Assert.Single(children), CultureInfo.InvariantCulture);
    }

    private static async Task Signal(string signal, int processId)
    {
        using var kill = Process.Start("kill", [$"-{signal}", processId.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    private static async Task<string> ReceiveAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
        return Encoding.UTF8.GetString(buffer, 0, received).Trim();
    }

    private static void Append(StringBuilder text, string? line)
    {
        lock (text)
        {
            text.AppendLine(line);
        }
    }

    private static string Text(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    private static int PortFreeNow()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Overall exposure level for bootstrap\.service: (?<level>\d+\.\d)")]
    private static partial Regex ExposureLevel();
}
