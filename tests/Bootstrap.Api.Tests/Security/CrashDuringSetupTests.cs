using System.Diagnostics;
using System.Net;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.CrashHost;
using Xunit.Abstractions;

namespace Bootstrap.Api.Tests.Security;

public sealed class CrashDuringSetupTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ProcessKilledBeforeTheSetupCommits_ShouldLeaveTheInstanceUnsetAndRetryable()
    {
        var stopwatch = Stopwatch.StartNew();
        using var folder = new TempFolder();

        await using (var crashing = AppProcess.Start(AppProcess.CrashHost, folder))
        {
            await crashing.WaitUntilHealthyAsync();

            await Assert.ThrowsAsync<HttpRequestException>(() => crashing.Client.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding()));

            Assert.NotEqual(0, await crashing.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains($"{CrashBeforeCommit.Marker}; uncommitted rows: users=1 organizations=1 buckets=1 tokens=1", crashing.Output);
        }

        await using var restarted = AppProcess.Start(AppProcess.Web, folder);
        await restarted.WaitUntilHealthyAsync();

        var status = await (await restarted.Client.GetAsync("/api/v2/setup")).ReadJsonAsync();
        Assert.True(status.GetProperty("allowed").GetBoolean());
        var rows = await DatabaseFile.ReadSetupRowsAsync(restarted.DatabasePath);
        Assert.Equal(0, rows.CompletedInstances);
        Assert.Empty(rows.Organizations);
        Assert.Empty(rows.Users);
        Assert.Equal(0, rows.Buckets);
        Assert.Equal(0, rows.ApiTokens);
        Assert.Equal(0, rows.Memberships);

        var retry = await restarted.Client.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding());

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False((await (await restarted.Client.GetAsync("/api/v2/setup")).ReadJsonAsync()).GetProperty("allowed").GetBoolean());
        Assert.Equal(["admin"], (await DatabaseFile.ReadSetupRowsAsync(restarted.DatabasePath)).Users);
        output.WriteLine($"crash, restart and retry in {stopwatch.Elapsed.TotalSeconds:F1}s");
    }
}
