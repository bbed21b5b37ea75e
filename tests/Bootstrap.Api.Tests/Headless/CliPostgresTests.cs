using System.Net;
using System.Text.Json;
using Bootstrap.Api.Tests.Infrastructure;

namespace Bootstrap.Api.Tests.Headless;

/// <summary>The offline verbs on PostgreSQL: the same configuration keys select the provider as for the server.</summary>
public sealed class CliPostgresTests
{
    [Theory, OnPostgres]
    public async Task OfflineVerbs_ShouldWorkOnTheConfiguredProvider(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string?>
        {
            ["Database__Provider"] = provider.ToString(),
            ["ConnectionStrings__Bootstrap"] = database.ConnectionString,
        };
        Task<ProcessResult> RunAsync(string? stdin, params string[] args) =>
            BootstrapExecutable.RunAsync(folder, "unused.db", args, stdin, environment);

        var setup = await RunAsync(Requests.Password, "setup", "--offline", "--org", "Acme", "--username", "admin",
            "--email", "admin@acme.test", "--password-stdin", "--bucket", "telemetry", "--token-out", folder.File("operator"));
        Assert.True(setup.ExitCode == 0, setup.ToString());
        var status = JsonDocument.Parse((await RunAsync(null, "status", "--offline", "--json")).Stdout).RootElement;
        Assert.Equal("cli", status.GetProperty("channel").GetString());
        var rotated = await RunAsync(null, "rotate-token", "--token-out", folder.File("rotated"));
        Assert.True(rotated.ExitCode == 0, rotated.ToString());

        await using var app = new BootstrapApiFactory(database: database);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithTokenAsync("/api/v2/me", await File.ReadAllTextAsync(folder.File("operator")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/me", await File.ReadAllTextAsync(folder.File("rotated")))).StatusCode);
        Assert.False(File.Exists(folder.File("unused.db")), "the SQLite default must not be touched when Postgres is configured");
    }
}
