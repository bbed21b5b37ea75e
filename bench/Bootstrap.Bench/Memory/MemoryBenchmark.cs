using System.Diagnostics;
using Bootstrap.Bench.Harness;

namespace Bootstrap.Bench.Memory;

/// <summary>
/// Resident memory as an operator would see it in <c>top</c>: each host idle after a restart, then
/// Bootstrap before setup with wizard circuits open (<see cref="WizardCircuits"/>).
/// </summary>
public static class MemoryBenchmark
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(BenchOptions options, Report report, PreparedInstance prepared)
    {
        var log = Path.Combine(options.WorkDirectory, "memory.log");
        var folder = Path.Combine(options.WorkDirectory, "memory");
        prepared.CopyTo(folder);

        await using (var baseline = ServerProcess.Start(options.BaselineDll, new Dictionary<string, string>(), log))
        {
            await baseline.WaitForOkAsync(BootstrapHost.ProbePath, Stopwatch.StartNew(), TimeSpan.FromMinutes(2));
            await Task.Delay(Settle);
            report.Add("memory", "baseline idle RSS", Report.Mib(baseline.ResidentBytes()), $"{Settle.TotalSeconds:0} s after its first 200");
        }

        await using (var app = ServerProcess.Start(options.AppDll, BootstrapHost.Settings(folder), log))
        {
            await app.WaitForOkAsync(BootstrapHost.ProbePath, Stopwatch.StartNew(), TimeSpan.FromMinutes(2));
            using (var client = BootstrapHost.AuthenticatedClient(app.BaseAddress, prepared.OperatorToken))
            {
                (await client.GetAsync("/api/v2/me")).EnsureSuccessStatusCode();
            }
            await Task.Delay(Settle);
            report.Add("memory", "Bootstrap idle RSS (target < 150 MB)", Report.Mib(app.ResidentBytes()),
                $"set-up database, one GET /api/v2/me, {Settle.TotalSeconds:0} s idle");
        }

        await WizardCircuits.MeasureAsync(options, report);
    }
}
