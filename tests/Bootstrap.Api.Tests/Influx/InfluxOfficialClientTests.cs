using Bootstrap.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bootstrap.Api.Tests.Influx;

/// <summary>The official InfluxDB 2.x JavaScript clients (from npm) against the real server process.</summary>
[Collection(AppProcess.Collection)]
public sealed class InfluxOfficialClientTests(ITestOutputHelper output)
{
    [Fact]
    public async Task OfficialJavaScriptClients_ShouldOnboardAndUseTheTokenUnchanged()
    {
        using var folder = new TempFolder();
        await using var app = AppProcess.Start(AppProcess.Web, folder, output);
        await app.WaitUntilHealthyAsync();

        var result = await NodeClients.RunAsync("influx-onboarding.mjs", app.BaseAddress.ToString().TrimEnd('/'));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("influx client compatibility: ok", result.Output);
    }
}
