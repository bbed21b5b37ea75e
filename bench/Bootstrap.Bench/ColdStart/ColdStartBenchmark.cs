using System.Diagnostics;
using Bootstrap.Bench.Harness;

namespace Bootstrap.Bench.ColdStart;

/// <summary>
/// Process start → first 200 from <c>GET /api/v2/setup</c>, for the baseline app, Bootstrap on no
/// database (migrations and the claim token at start) and Bootstrap on a set-up database. Scenarios
/// are interleaved run by run so that load from elsewhere on the machine hits them alike.
/// </summary>
public static class ColdStartBenchmark
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task RunAsync(BenchOptions options, Report report, PreparedInstance prepared)
    {
        var baseline = new List<double>();
        var fresh = new List<double>();
        var existing = new List<double>();
        var firstSetup = new List<double>();
        var log = Path.Combine(options.WorkDirectory, "coldstart.log");

        // Run 0 only warms the disk cache and the bench's own HTTP client.
        for (var run = 0; run <= options.ColdStartRuns; run++)
        {
            var measured = run > 0;

            var clock = Stopwatch.StartNew();
            await using (var host = ServerProcess.Start(options.BaselineDll, new Dictionary<string, string>(), log))
            {
                Record(measured, baseline, await host.WaitForOkAsync(BootstrapHost.ProbePath, clock, Timeout));
            }

            var freshFolder = Path.Combine(options.WorkDirectory, $"coldstart-fresh-{run}");
            Directory.CreateDirectory(freshFolder);
            clock = Stopwatch.StartNew();
            await using (var host = ServerProcess.Start(options.AppDll, BootstrapHost.Settings(freshFolder), log))
            {
                Record(measured, fresh, await host.WaitForOkAsync(BootstrapHost.ProbePath, clock, Timeout));
                var setup = Stopwatch.StartNew();
                await BootstrapHost.SetUpAsync(host.BaseAddress);
                Record(measured, firstSetup, setup.Elapsed);
            }

            var existingFolder = Path.Combine(options.WorkDirectory, $"coldstart-existing-{run}");
            prepared.CopyTo(existingFolder);
            clock = Stopwatch.StartNew();
            await using (var host = ServerProcess.Start(options.AppDll, BootstrapHost.Settings(existingFolder), log))
            {
                Record(measured, existing, await host.WaitForOkAsync(BootstrapHost.ProbePath, clock, Timeout));
            }
        }

        var baselineMedian = Stats.Median(baseline);
        report.Add("cold start", "baseline app → first 200", Report.Ms(baselineMedian), Range(baseline));
        report.Add("cold start", "Bootstrap, no database → first 200", Report.Ms(Stats.Median(fresh)), Range(fresh));
        report.Add("cold start", "Bootstrap, set-up database → first 200", Report.Ms(Stats.Median(existing)), Range(existing));
        report.Add("cold start", "ratio no database / baseline (target ≤ 2×)", Report.Ratio(Stats.Median(fresh) / baselineMedian));
        report.Add("cold start", "ratio set-up database / baseline (target ≤ 2×)", Report.Ratio(Stats.Median(existing) / baselineMedian));
        report.Add("setup", "POST /api/v2/setup end to end (first request of a fresh process)", Report.Ms(Stats.Median(firstSetup)), Range(firstSetup));
    }

    private static void Record(bool measured, List<double> into, TimeSpan elapsed)
    {
        if (measured)
        {
            into.Add(elapsed.TotalMilliseconds);
        }
    }

    private static string Range(IReadOnlyCollection<double> values) =>
        $"median of {values.Count}; min {Report.Ms(values.Min())}, max {Report.Ms(values.Max())}";
}
