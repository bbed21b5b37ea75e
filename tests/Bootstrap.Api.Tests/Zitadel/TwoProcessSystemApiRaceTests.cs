using System.Net;
using System.Net.Http.Json;
using Bootstrap.Api.Data;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Bootstrap.Api.Tests.Zitadel;

[Collection(AppProcess.Collection)]
public sealed class TwoProcessSystemApiRaceTests(ITestOutputHelper output)
{
    private const int RequestsPerDoorAndProcess = 4;

    [Fact]
    public async Task CreateInstancesAndInfluxSetupsOnTwoProcessesOfAFreshInstallation_ShouldCompleteExactlyOneFirstRun()
    {
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string>
        {
            ["SystemApi__Token"] = BootstrapApiFactory.SystemToken,
            ["RateLimits__SetupPerMinute"] = "100000",
        };
        await using var first = AppProcess.Start(AppProcess.Web, folder, output, environment);
        await using var second = AppProcess.Start(AppProcess.Web, folder, output, environment);
        await Task.WhenAll(first.WaitUntilHealthyAsync(), second.WaitUntilHealthyAsync());

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = (
            from process in new[] { first, second }
            from n in Enumerable.Range(0, RequestsPerDoorAndProcess)
            let tag = $"{process.BaseAddress.Port}-{n}"
            from door in new[] { "zitadel", "influx" }
            select AttemptAsync(process, door, tag, go.Task)).ToList();
        go.SetResult();
        var outcomes = await Task.WhenAll(attempts);

        Assert.All(outcomes.Where(o => o.Door == "zitadel"), o => Assert.Equal(HttpStatusCode.OK, o.Status));
        var influxWins = outcomes.Count(o => o.Door == "influx" && o.Status == HttpStatusCode.Created);
        Assert.All(outcomes.Where(o => o.Door == "influx" && o.Status != HttpStatusCode.Created), o => Assert.Equal((HttpStatusCode)422, o.Status));

        var options = new DbContextOptionsBuilder<BootstrapDbContext>().UseSqlite($"Data Source={first.DatabasePath};Pooling=False").Options;
        await using var db = new BootstrapDbContext(options, new CurrentInstance());
        Assert.Equal(1, await db.AuditEvents.IgnoreQueryFilters().CountAsync(a => a.Action == "setup.completed"));
        var instances = await db.Instances.CountAsync();
        Assert.Equal(influxWins == 1 ? 1 + (2 * RequestsPerDoorAndProcess) : 2 * RequestsPerDoorAndProcess, instances);
        var orgsPerInstance = await db.Organizations.IgnoreQueryFilters().GroupBy(o => o.InstanceId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(instances, orgsPerInstance.Count);
        Assert.All(orgsPerInstance, count => Assert.Equal(1, count));
        var firstName = await db.Instances.Where(i => i.Id == Instance.FirstId).Select(i => i.Name).SingleAsync();
        output.WriteLine($"{outcomes.Length} requests over two processes; the first run went to {firstName}");
    }

    private static async Task<(string Door, HttpStatusCode Status)> AttemptAsync(AppProcess process, string door, string tag, Task go)
    {
        using var request = door == "zitadel"
            ? new HttpRequestMessage(HttpMethod.Post, "/system/v1/instances/_create")
            {
                Content = JsonContent.Create(new
                {
                    instanceName = $"race-{tag}",
                    customDomain = $"race-{tag}.test",
                    machine = new { userName = "robot", name = "Robot", personalAccessToken = new { } },
                }),
                Headers = { Authorization = new("Bearer", BootstrapApiFactory.SystemToken) },
            }
            : new HttpRequestMessage(HttpMethod.Post, "/api/v2/setup")
            {
                Content = JsonContent.Create(new { username = $"admin-{tag}", password = Requests.Password, org = $"org-{tag}", bucket = "telemetry" }),
            };
        await go;
        return (door, (await process.Client.SendAsync(request)).StatusCode);
    }
}
