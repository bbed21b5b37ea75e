using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Tests.Headless;

/// <summary>The setup verb offline, help and command-line errors, run as the real executable: exit codes, stdout, stderr and files.</summary>
public sealed class CliSetupTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Help_ShouldDescribeTheToolAndEachVerb()
    {
        using var cli = new CliWorkspace();

        var tool = await cli.RunAsync("--help");

        Assert.Equal(0, tool.ExitCode);
        foreach (var verb in new[] { "setup", "status", "recover-admin", "rotate-token" })
        {
            Assert.Contains($"  {verb} ", tool.Stdout);
            var help = await cli.RunAsync(verb, "--help");
            Assert.True(help.ExitCode == 0, help.ToString());
            Assert.Contains($"Usage:\n  Bootstrap.Web {verb} [options]", help.Stdout.ReplaceLineEndings("\n"));
            Assert.Contains("--help", help.Stdout);
        }
        Assert.Contains("--password-stdin", (await cli.RunAsync("setup", "-h")).Stdout);
        Assert.False(File.Exists(cli.DatabasePath), "help must not touch the database");
    }

    [Theory]
    [InlineData("Unrecognized command or argument '--bogus'", "setup", "--offline", "--bogus")]
    [InlineData("--password-stdin or --password-file", "setup", "--offline", "--org", "a", "--username", "b", "--email", "c@d.e", "--bucket", "x")]
    [InlineData("--retention '5x' is not a duration", "setup", "--offline", "--password-stdin", "--retention", "5x")]
    [InlineData("--retention '99999999999999999d' is too long", "setup", "--offline", "--password-stdin", "--retention", "99999999999999999d")]
    [InlineData("--pat-out needs a machine user", "setup", "--offline", "--password-stdin", "--pat-out", "pat")]
    [InlineData("choose either --url or --offline", "status", "--offline", "--url", "http://localhost:1")]
    [InlineData("option '--token-out' is required", "rotate-token")]
    [InlineData("Required argument missing for option: '--token-out'", "rotate-token", "--token-out")]
    [InlineData("Unrecognized command or argument 'false'", "status", "--json", "false")]
    public async Task WrongCommandLine_ShouldExit64WithTheReasonOnStderr(string expected, params string[] args)
    {
        using var cli = new CliWorkspace();

        var result = await cli.RunWithStdinAsync(Requests.Password, args);

        Assert.Equal(64, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.Contains($"Bootstrap.Web {args[0]}", result.Stderr);
        Assert.Equal("", result.Stdout);
        Assert.Empty(cli.Folder.FileNames());
    }

    [Fact]
    public async Task OfflineSetup_ShouldWriteWorkingSecretsWithMode0600AndPrintTheResponse()
    {
        using var cli = new CliWorkspace();

        var result = await cli.SetUpOfflineAsync("--machine-user", "ci-bot", "--machine-name", "CI robot",
            "--pat-out", cli.File("out/pat"), "--machine-key-out", cli.File("out/key.json"), "--json");

        var body = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("acme-corp", body.GetProperty("organization").GetProperty("slug").GetString());
        Assert.Equal(30 * 86400, body.GetProperty("bucket").GetProperty("retentionSeconds").GetInt64());
        Assert.Equal("ci-bot", body.GetProperty("machine").GetProperty("userName").GetString());
        Assert.False(body.TryGetProperty("operatorToken", out _), "a secret sent to a file must not be printed too");
        Assert.False(body.GetProperty("machine").TryGetProperty("pat", out _));
        Assert.Equal(["operator", "out/key.json", "out/pat"], cli.Folder.FileNames().Where(f => !f.StartsWith("data", StringComparison.Ordinal)));
        foreach (var file in new[] { "operator", "out/key.json", "out/pat" })
        {
            Assert.Equal(OwnerReadWrite, TempFolder.ModeOf(cli.File(file)));
        }

        var status = await cli.RunAsync("status", "--offline", "--json");
        Assert.Equal(0, status.ExitCode);
        var statusBody = JsonDocument.Parse(status.Stdout).RootElement;
        Assert.False(statusBody.GetProperty("allowed").GetBoolean());
        Assert.Equal("cli", statusBody.GetProperty("channel").GetString());

        await using var app = cli.App();
        var client = app.CreateClient();
        var me = await client.GetWithTokenAsync("/api/v2/me", await File.ReadAllTextAsync(cli.File("operator")));
        Assert.Equal("admin", (await me.ReadJsonAsync()).GetProperty("name").GetString());
        var machine = await client.GetWithTokenAsync("/api/v2/me", await File.ReadAllTextAsync(cli.File("out/pat")), scheme: "Bearer");
        Assert.Equal("ci-bot", (await machine.ReadJsonAsync()).GetProperty("name").GetString());
        var keyFile = JsonDocument.Parse(await File.ReadAllTextAsync(cli.File("out/key.json"))).RootElement;
        Assert.Equal("serviceaccount", keyFile.GetProperty("type").GetString());
        var audit = await app.QueryAsync(db => db.AuditEvents.IgnoreQueryFilters().SingleAsync());
        Assert.Equal(SetupChannel.Cli, audit.Channel);
    }

    [Fact]
    public async Task SecondSetup_ShouldExit4UnlessIgnoredAndIgnoreOnlyThat()
    {
        using var cli = new CliWorkspace();
        var setupArgs = new[]
        {
            "setup", "--offline", "--org", "Acme Corp", "--username", "admin", "--email", "admin@acme.test", "--password-stdin",
            "--bucket", "telemetry", "--token-out", cli.File("operator"),
        };
        await cli.SetUpOfflineAsync();
        var token = await File.ReadAllTextAsync(cli.File("operator"));

        var again = await cli.RunWithStdinAsync(Requests.Password, setupArgs);
        Assert.Equal(4, again.ExitCode);
        Assert.Contains("already been completed", again.Stderr);

        var ignored = await cli.RunWithStdinAsync(Requests.Password, [.. setupArgs, "--ignore-if-set-up", "--json"]);
        Assert.True(ignored.ExitCode == 0, ignored.ToString());
        Assert.Equal("""{"alreadySetUp":true}""", ignored.Stdout.Trim());

        var invalidButIgnoring = await cli.RunWithStdinAsync("short", [.. setupArgs, "--ignore-if-set-up"]);
        Assert.Equal(3, invalidButIgnoring.ExitCode);

        var unreachable = await cli.RunWithStdinAsync(Requests.Password, "setup", "--url", "http://127.0.0.1:9", "--org", "a",
            "--username", "b", "--email", "c@d.e", "--password-stdin", "--bucket", "x", "--ignore-if-set-up");
        Assert.Equal(5, unreachable.ExitCode);
        Assert.Contains("cannot reach http://127.0.0.1:9/", unreachable.Stderr);

        Assert.Equal(token, await File.ReadAllTextAsync(cli.File("operator")));
        Assert.Equal(["operator"], cli.Folder.FileNames());
    }

    [Fact]
    public async Task InvalidInput_ShouldExit3NamingTheOptionsAndWriteNothing()
    {
        using var cli = new CliWorkspace();

        var result = await cli.RunWithStdinAsync("short\n", "setup", "--offline", "--org", "Acme", "--username", "admin",
            "--email", "not-an-email", "--password-stdin", "--bucket", "_internal", "--token-out", cli.File("operator"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("--email: Email must be a valid email address.", result.Stderr);
        Assert.Contains("--password-stdin: passwords must be between 8 and 72 characters long", result.Stderr);
        Assert.Contains("--bucket: Bucket names may not start with an underscore.", result.Stderr);
        Assert.DoesNotContain("short", result.Stderr);
        Assert.Empty(cli.Folder.FileNames());
        var status = await cli.RunAsync("status", "--offline");
        Assert.Equal("Not set up yet: setup is allowed.", status.Stdout.Trim());
    }
}
