using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bootstrap.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bootstrap.Api.Tests.Security;

[Collection(AppProcess.Collection)]
public sealed class TwoProcessSetupRaceTests(ITestOutputHelper output)
{
    private const int RequestsPerDoorAndProcess = 6;

    [Fact]
    public async Task ConcurrentSetupsOnEveryDoorOfTwoProcesses_ShouldSucceedExactlyOnceAndLeaveOnlyTheWinnersRows()
    {
        var stopwatch = Stopwatch.StartNew();
        using var folder = new TempFolder();
        await using var first = AppProcess.Start(AppProcess.Web, folder, output);
        await using var second = AppProcess.Start(AppProcess.Web, folder, output);
        await Task.WhenAll(first.WaitUntilHealthyAsync(), second.WaitUntilHealthyAsync());
        var startedAfter = stopwatch.Elapsed;

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = (
            from process in new[] { first, second }
            from door in FirstRunDoor.All
            from n in Enumerable.Range(0, RequestsPerDoorAndProcess)
            select AttemptAsync(process, door, $"{door.Name}-{process.BaseAddress.Port}-{n}", go.Task)).ToList();
        go.SetResult();
        var outcomes = await Task.WhenAll(attempts);

        var winners = outcomes.Where(o => o.Response.StatusCode == o.Door.SuccessStatus).ToList();
        Assert.True(winners.Count == 1, $"{winners.Count} setups succeeded; answers: " + string.Join(", ",
            outcomes.GroupBy(o => $"{o.Door.Name} {(int)o.Response.StatusCode}").Select(g => $"{g.Key} ×{g.Count()}")));
        var winner = winners[0];
        foreach (var loser in outcomes.Where(o => o != winner))
        {
            await loser.Door.AssertAlreadySetUpAsync(loser.Response);
        }

        var rows = await DatabaseFile.ReadSetupRowsAsync(first.DatabasePath);
        Assert.Equal(1, rows.CompletedInstances);
        Assert.Equal([winner.Tag], rows.Organizations);
        Assert.Equal(winner.Door.UserNames(winner.Tag).Order(), rows.Users.Order());
        Assert.Equal(1, rows.Buckets);
        Assert.Equal(1, rows.ApiTokens);
        // Every user the first run creates is an organization owner and an instance owner.
        Assert.Equal(2 * rows.Users.Count, rows.Memberships);
        output.WriteLine($"{outcomes.Length} setups over two processes, {winner.Tag} won; start-up {startedAfter.TotalSeconds:F1}s, total {stopwatch.Elapsed.TotalSeconds:F1}s");
    }

    private static async Task<Outcome> AttemptAsync(AppProcess process, FirstRunDoor door, string tag, Task go)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, door.Path) { Content = JsonContent.Create(door.Body(tag)) };
        await go;
        return new Outcome(door, tag, await process.Client.SendAsync(request));
    }

    private sealed record Outcome(FirstRunDoor Door, string Tag, HttpResponseMessage Response);

    /// <summary>One of the endpoints that can perform the first run; <c>tag</c> names everything a request would create.</summary>
    private sealed record FirstRunDoor(
        string Name,
        string Path,
        HttpStatusCode SuccessStatus,
        Func<string, object> Body,
        Func<string, string[]> UserNames,
        Func<HttpResponseMessage, Task> AssertAlreadySetUpAsync)
    {
        public static readonly FirstRunDoor[] All =
        [
            new("influx", "/api/v2/setup", HttpStatusCode.Created,
                tag => new { username = tag, password = Requests.Password, org = tag, bucket = "telemetry" },
                tag => [tag],
                async response =>
                {
                    Assert.Equal((HttpStatusCode)422, response.StatusCode);
                    Assert.Equal("conflict", response.Headers.GetValues("X-Platform-Error-Code").Single());
                    Assert.Equal("""{"code":"conflict","message":"onboarding has already been completed"}""", await response.Content.ReadAsStringAsync());
                }),
            new("native", "/api/setup", HttpStatusCode.Created,
                tag => new
                {
                    organization = tag,
                    admin = new { userName = tag, email = $"{tag}@acme.test", password = Requests.Password },
                    bucket = new { name = "telemetry", retentionSeconds = 0 },
                },
                tag => [tag],
                async response =>
                {
                    Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
                    var problem = await response.ReadJsonAsync();
                    Assert.Equal(409, problem.GetProperty("status").GetInt32());
                    Assert.Equal("Setup has already been completed.", problem.GetProperty("title").GetString());
                }),
            new("infisical", "/api/v1/admin/bootstrap", HttpStatusCode.OK,
                tag => new { email = $"{tag}@acme.test", password = Requests.Password, organization = tag },
                tag => [$"{tag}@acme.test", "instance-admin-identity"],
                async response =>
                {
                    Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                    var error = await response.ReadJsonAsync();
                    Assert.Equal(JsonValueKind.String, error.GetProperty("reqId").ValueKind);
                    Assert.Equal(400, error.GetProperty("statusCode").GetInt32());
                    Assert.Equal("Instance has already been set up", error.GetProperty("message").GetString());
                    Assert.Equal("BadRequest", error.GetProperty("error").GetString());
                }),
        ];
    }
}
