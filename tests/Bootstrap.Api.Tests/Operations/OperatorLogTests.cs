using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bootstrap.Api.Tests.Headless;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit.Abstractions;

namespace Bootstrap.Api.Tests.Operations;

/// <summary>
/// What an operator reads in the console log (docs/operations.md, "Logs"): a timestamp on every line, no
/// framework chatter at Information, one line per significant event with a stable EventId, never a secret.
/// </summary>
[Collection(AppProcess.Collection)]
public sealed partial class OperatorLogTests(ITestOutputHelper output)
{
    private const int SetupCompleted = 1000;
    private const int SetupRefused = 1001;
    private const int OrganizationAdded = 1011;
    private const int TokenIssued = 1020;
    private const int TokenRevoked = 1021;

    [Fact]
    public async Task SetupRunThroughTheApi_ShouldLogTimestampedEventLinesAndNoSecret()
    {
        using var cli = new CliWorkspace();
        await using var server = await BootstrapExecutable.StartServerAsync(cli.Folder, cli.DatabasePath,
            new Dictionary<string, string?> { ["Logging__Console__FormatterName"] = "json" });
        using var http = new HttpClient { BaseAddress = server.Url };
        var claimToken = (await File.ReadAllTextAsync(ClaimTokenPath(server.Output))).Trim();

        using var setup = await http.PostAsJsonAsync("/api/setup", Requests.NativeSetup(withMachine: true));
        Assert.Equal(HttpStatusCode.Created, setup.StatusCode);
        var created = await setup.Content.ReadFromJsonAsync<JsonElement>();
        var operatorToken = created.GetProperty("operatorToken").GetString()!;
        using var addUser = new HttpRequestMessage(HttpMethod.Post, "/api/v2/setup/user")
        {
            Headers = { { "Authorization", $"Token {operatorToken}" } },
            Content = JsonContent.Create(new { username = "second", password = Requests.Password, org = "Second Org", bucket = "b2" }),
        };
        using var added = await http.SendAsync(addUser);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var secondToken = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("auth").GetProperty("token").GetString()!;
        using var again = await http.PostAsJsonAsync("/api/v2/setup", Requests.InfluxOnboarding());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal(0, await server.TerminateAsync());

        var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        output.WriteLine($"{lines.Count} lines for start, setup, add user, refused setup, stop:\n{server.Output}");
        Assert.All(lines, line => Assert.Matches(IsoUtcTimestamp(), line.GetProperty("Timestamp").GetString()!));
        Assert.DoesNotContain(lines, line => IsChatter(line.GetProperty("Category").GetString()!) && Level(line) is "Information" or "Debug" or "Trace");

        var completed = Assert.Single(lines, line => EventId(line) == SetupCompleted);
        Assert.Equal("Information", Level(completed));
        Assert.Equal("native", State(completed, "Door"));
        Assert.Equal("127.0.0.1", State(completed, "RemoteAddress"));
        Assert.Equal(created.GetProperty("instanceId").GetString(), State(completed, "InstanceId"));
        Assert.Equal("Acme Corp", State(completed, "Organization"));
        Assert.Equal(
            [("Operator", "admin"), ("PersonalAccessToken", "ci-bot"), ("AllAccess", "second")],
            lines.Where(line => EventId(line) == TokenIssued).Select(line => (State(line, "TokenKind"), State(line, "UserName"))));
        Assert.Single(lines, line => EventId(line) == OrganizationAdded && State(line, "Organization") == "Second Org");
        var refused = Assert.Single(lines, line => EventId(line) == SetupRefused);
        Assert.Equal(("Warning", "influx", "127.0.0.1"), (Level(refused), State(refused, "Door"), State(refused, "RemoteAddress")));

        var machine = created.GetProperty("machine");
        foreach (var secret in new[] { operatorToken, secondToken, machine.GetProperty("pat").GetString()!, machine.GetProperty("machineKey").GetString()!, claimToken, Requests.Password })
        {
            Assert.DoesNotContain(secret, server.Output, StringComparison.Ordinal);
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TokenIssuedAndRevokedOnTheOverview_ShouldLogOneLineEachWithoutTheSecret(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);
        await app.CompleteFirstRunAsync();
        var (adminId, organizationId, instanceId) = await app.QueryAsync(async db =>
            (await db.Users.Select(u => u.Id).SingleAsync(), await db.Organizations.Select(o => o.Id).SingleAsync(), await db.Instances.Select(i => i.Id).SingleAsync()));
        var management = app.Services.GetRequiredService<Bootstrap.Web.Overview.TokenManagement>();

        var issued = await management.CreateAsync(instanceId, adminId, organizationId, "deploy key", expiresAt: null, "203.0.113.7");
        Assert.True(await management.RevokeAsync(instanceId, adminId, issued.Token.Id, "203.0.113.7"));

        var tokenId = Ids.ToInfluxId(issued.Token.Number);
        var tokenLines = app.Logs.Entries.Where(entry => entry.Category == typeof(TokenService).FullName).ToList();
        Assert.Equal(
            [
                $"Token {tokenId} (AllAccess) issued to admin in instance {instanceId} through wizard from 203.0.113.7",
                $"Token {tokenId} (AllAccess) of instance {instanceId} revoked by admin through wizard from 203.0.113.7",
            ],
            tokenLines.Select(entry => entry.Message));
        Assert.All(tokenLines, entry => Assert.Equal(LogLevel.Information, entry.Level));
        Assert.DoesNotContain(app.Logs.Entries, entry => entry.Message.Contains(issued.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HttpClientOfTheApp_ShouldLogNothingBelowWarningByDefault()
    {
        await using var app = new BootstrapApiFactory();
        // The handlers that log each request are the factory's, the same for every client it creates, the wizard's too.
        using var client = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient("wizard");

        // Nothing listens on port 1: the request fails, after the handlers have logged its start.
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("http://127.0.0.1:1/api/setup")));

        Assert.DoesNotContain(app.Logs.Entries, entry => IsChatter(entry.Category) && entry.Level < LogLevel.Warning);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FirstStartOnEmptyPostgres_ShouldLogNoErrorAndStampEveryLine(bool databaseExists)
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = databaseExists
            ? await server.CreateDatabaseAsync()
            : new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = $"bootstrap_test_{Guid.NewGuid():N}" }.ConnectionString;
        try
        {
            using var folder = new TempFolder();
            var app = AppProcess.Start(AppProcess.Web, folder, output, new Dictionary<string, string>
            {
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__Bootstrap"] = connectionString,
            });
            await using (app)
            {
                await app.WaitUntilHealthyAsync();
                // Ready: the database was created and migrated.
                Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/ready")).StatusCode);
            }

            // The simple formatter: each entry's first line starts with the timestamp, then the level.
            var entries = app.Output.Split('\n').Where(line => line.Length > 0 && !line.StartsWith(' ')).ToList();
            Assert.All(entries, entry => Assert.Matches(SimpleEntryStart(), entry));
            Assert.DoesNotContain(entries, entry => SimpleEntryStart().Match(entry).Groups["level"].Value is "fail" or "crit");
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    /// <summary>The framework categories that an operator does not need at Information: each request's HTTP client steps, each SQL command.</summary>
    private static bool IsChatter(string category) =>
        category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal)
        || category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
        || category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal);

    private static int EventId(JsonElement line) => line.GetProperty("EventId").GetInt32();

    private static string Level(JsonElement line) => line.GetProperty("LogLevel").GetString()!;

    private static string? State(JsonElement line, string name) =>
        line.GetProperty("State").TryGetProperty(name, out var value) ? value.ToString() : null;

    /// <summary>The claim token file, wherever it is configured: the start-up line that says where it is names it.</summary>
    private static string ClaimTokenPath(string output) => ClaimTokenFile().Match(output) is { Success: true } match
        ? match.Value
        : throw new InvalidOperationException($"No line names the claim token file:\n{output}");

    [GeneratedRegex(@"/[^\s""'()]*setup-token")]
    private static partial Regex ClaimTokenFile();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex IsoUtcTimestamp();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z (?<level>trce|dbug|info|warn|fail|crit): ")]
    private static partial Regex SimpleEntryStart();
}
