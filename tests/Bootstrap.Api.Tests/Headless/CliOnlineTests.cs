using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Tests.Headless;

/// <summary>The verbs against a running server (the real executable on a loopback port).</summary>
public sealed class CliOnlineTests
{
    [Fact]
    public async Task OnlineSetupAndStatus_ShouldUseTheRunningServer_AsAnApiClient()
    {
        using var cli = new CliWorkspace();
        await using var server = await BootstrapExecutable.StartServerAsync(cli.Folder, cli.DatabasePath);
        var url = server.Url.ToString();

        var before = await cli.RunAsync("status", "--url", url);
        Assert.Equal("Not set up yet: setup is allowed.", before.Stdout.Trim());

        var setup = await cli.RunWithStdinAsync(Requests.Password, "setup", "--url", url, "--org", "Acme", "--username", "admin",
            "--email", "admin@acme.test", "--password-stdin", "--bucket", "telemetry", "--machine-user", "ci-bot", "--machine-key", "--json");
        Assert.True(setup.ExitCode == 0, setup.ToString());
        var body = JsonDocument.Parse(setup.Stdout).RootElement;
        var operatorToken = body.GetProperty("operatorToken").GetString()!;
        Assert.NotNull(body.GetProperty("machine").GetProperty("machineKey").GetString());

        using var http = new HttpClient { BaseAddress = server.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", operatorToken);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v2/me")).StatusCode);

        var after = await cli.RunAsync("status", "--url", url);
        // Over HTTP the CLI is one more API client: no header can make the server record another channel.
        Assert.Matches(@"^Set up at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ by channel api\.$", after.Stdout.Trim());

        var again = await cli.RunWithStdinAsync(Requests.Password, "setup", "--url", url, "--org", "Acme", "--username", "admin",
            "--email", "admin@acme.test", "--password-stdin", "--bucket", "telemetry");
        Assert.Equal(4, again.ExitCode);

        var invalid = await cli.RunWithStdinAsync(Requests.Password, "setup", "--url", url, "--org", "Acme", "--username", "admin",
            "--email", "nope", "--password-stdin", "--bucket", "telemetry");
        Assert.Equal(3, invalid.ExitCode);
        Assert.Contains("--email: ", invalid.Stderr);

        Assert.Equal(0, await server.TerminateAsync());
        Assert.Contains("Application is shutting down", server.Output);
        Assert.DoesNotContain(operatorToken, server.Output);
        Assert.DoesNotContain(Requests.Password, server.Output);
    }
}
