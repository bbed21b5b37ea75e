using System.Net.Http.Json;
using System.Text.Json;
using Bootstrap.Api.Tests.Infrastructure;

namespace Bootstrap.Api.Tests.Headless;

/// <summary>The FirstRun section through environment variables, on the real executable.</summary>
public sealed class FirstRunProcessTests
{
    [Fact]
    public async Task InvalidSection_ShouldExit78NamingTheKeyBeforeWritingAnything()
    {
        using var cli = new CliWorkspace();
        var environment = Environment(cli);
        environment["FirstRun__Admin__Password"] = "short";
        environment["FirstRun__RetentionSeconds"] = "60";

        var result = await BootstrapExecutable.RunAsync(cli.Folder, cli.DatabasePath, ["--urls", "http://127.0.0.1:0"], environment: environment);

        Assert.True(result.ExitCode == 78, result.ToString());
        Assert.Contains("FirstRun:Admin:Password: passwords must be between 8 and 72 characters long", result.Stderr);
        Assert.Contains("FirstRun:RetentionSeconds: Retention must be 0", result.Stderr);
        // The port may already be bound (start-up steps run while the host binds), but the application
        // never starts, so the start-up gate never lets a request through.
        Assert.DoesNotContain("Application started", result.Stdout);
        Assert.DoesNotContain("Unhandled exception", result.Stderr);
        Assert.DoesNotContain(cli.Folder.FileNames(), f => !f.StartsWith("data", StringComparison.Ordinal));
        Assert.Equal("Not set up yet: setup is allowed.", (await cli.RunAsync("status", "--offline")).Stdout.Trim());
    }

    [Fact]
    public async Task RetentionTooLong_ShouldExit78WithTheDurationMessage()
    {
        using var cli = new CliWorkspace();
        var environment = Environment(cli);
        environment["FirstRun__RetentionSeconds"] = "99999999999999999d";

        var result = await BootstrapExecutable.RunAsync(cli.Folder, cli.DatabasePath, ["--urls", "http://127.0.0.1:0"], environment: environment);

        Assert.True(result.ExitCode == 78, result.ToString());
        Assert.Contains("FirstRun:RetentionSeconds: '99999999999999999d' is too long: the longest duration is 9223372036854775807 seconds", result.Stderr);
        Assert.DoesNotContain("overflow", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(cli.Folder.FileNames(), f => !f.StartsWith("data", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidSection_ShouldSetUpBeforeListeningAndStopCleanlyOnSigterm()
    {
        using var cli = new CliWorkspace();
        var environment = Environment(cli);
        environment["Logging__Console__FormatterName"] = "json";

        await using var server = await BootstrapExecutable.StartServerAsync(cli.Folder, cli.DatabasePath, environment);
        using var http = new HttpClient { BaseAddress = server.Url };
        var status = await http.GetFromJsonAsync<JsonElement>("/api/setup");
        Assert.Equal("config", status.GetProperty("channel").GetString());
        var token = await File.ReadAllTextAsync(cli.File("secrets/operator"));
        var ready = await http.GetAsync("/ready");
        Assert.True(ready.IsSuccessStatusCode);

        Assert.Equal(0, await server.TerminateAsync());

        var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => JsonDocument.Parse(line));
        Assert.Contains(lines, line => line.Contains("FirstRun: set up organization Acme Corp", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Application is shutting down", StringComparison.Ordinal));
        Assert.DoesNotContain(token, server.Output);
        Assert.DoesNotContain(Requests.Password, server.Output);
    }

    private static Dictionary<string, string?> Environment(CliWorkspace cli) => new()
    {
        ["FirstRun__Org"] = "Acme Corp",
        ["FirstRun__Bucket"] = "telemetry",
        ["FirstRun__Admin__UserName"] = "admin",
        ["FirstRun__Admin__Email"] = "admin@acme.test",
        ["FirstRun__Admin__Password"] = Requests.Password,
        ["FirstRun__OperatorTokenPath"] = cli.File("secrets/operator"),
    };
}
