using System.Diagnostics;
using System.Net;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.CrashHost;
using Bootstrap.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Bootstrap.Api.Tests.Security;

[Collection(AppProcess.Collection)]
public sealed class CrashDuringSetupTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ProcessKilledBeforeTheSetupCommits_ShouldLeaveTheInstanceUnsetAndRetryable()
    {
        var stopwatch = Stopwatch.StartNew();
        using var folder = new TempFolder();
        await using var crashing = AppProcess.Start(AppProcess.CrashHost, folder, output);
        await crashing.WaitUntilHealthyAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => crashing.Client.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding()));

        Assert.NotEqual(0, await crashing.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains($"{CrashBeforeCommit.Marker}; uncommitted rows: users=1 organizations=1 buckets=1 tokens=1", crashing.Output);

        // The restart runs in-process: the recovery is SQLite's, whichever process opens the file next.
        await using var restarted = new BootstrapApiFactory(databasePath: crashing.DatabasePath);
        var client = restarted.CreateClient();
        Assert.True((await (await client.GetAsync("/api/v2/setup")).ReadJsonAsync()).GetProperty("allowed").GetBoolean());
        Assert.Null(await restarted.QueryAsync(db => db.Instances.Where(i => i.Id == Instance.FirstId).Select(i => i.SetupCompletedAt).SingleAsync()));
        Assert.Equal(0, await restarted.CountAsync<User>());
        Assert.Equal(0, await restarted.CountAsync<Organization>());
        Assert.Equal(0, await restarted.CountAsync<Bucket>());
        Assert.Equal(0, await restarted.CountAsync<ApiToken>());
        Assert.Equal(0, await restarted.CountAsync<Membership>());

        var retry = await client.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding());

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False((await (await client.GetAsync("/api/v2/setup")).ReadJsonAsync()).GetProperty("allowed").GetBoolean());
        Assert.Equal(1, await restarted.CountAsync<User>());
        output.WriteLine($"start, crash, restart and retry in {stopwatch.Elapsed.TotalSeconds:F1}s");
    }
}
