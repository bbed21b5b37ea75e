using System.Diagnostics;
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
        var clients = ClientsFolder();
        Assert.True(Directory.Exists(Path.Combine(clients, "node_modules", "@influxdata")),
            $"run 'npm ci --prefix {clients}' first (./test.sh does)");
        using var folder = new TempFolder();
        await using var app = AppProcess.Start(AppProcess.Web, folder, output);
        await app.WaitUntilHealthyAsync();

        var node = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = clients };
        node.ArgumentList.Add("influx-onboarding.mjs");
        node.ArgumentList.Add(app.BaseAddress.ToString().TrimEnd('/'));
        using var process = Process.Start(node)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(process.ExitCode == 0, $"{await stdout}\n{await stderr}");
        Assert.Contains("influx client compatibility: ok", await stdout);
    }

    private static string ClientsFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "clients");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("tests/clients not found above " + AppContext.BaseDirectory);
    }
}
