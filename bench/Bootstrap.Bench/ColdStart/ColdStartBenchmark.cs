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
        var publishedFresh = new List<double>();
        var publishedExisting = new List<double>();
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

            Record(measured, existing, await StartOnSetUpDatabaseAsync(options.AppDll, $"coldstart-existing-{run}"));
            if (options.PublishedAppDll is { } published)
            {
                Record(measured, publishedFresh, await StartOnNoDatabaseAsync(published, $"coldstart-published-fresh-{run}"));
                Record(measured, publishedExisting, await StartOnSetUpDatabaseAsync(published, $"coldstart-published-existing-{run}"));
            }
        }

        var baselineMedian = Stats.Median(baseline);
        report.Add("cold start", "baseline app → first 200", Report.Ms(baselineMedian), Range(baseline));
        report.Add("cold start", "Bootstrap, no database → first 200", Report.Ms(Stats.Median(fresh)), Range(fresh));
        report.Add("cold start", "Bootstrap, set-up database → first 200", Report.Ms(Stats.Median(existing)), Range(existing));
        report.Add("cold start", "ratio no database / baseline (target ≤ 2×)", Report.Ratio(Stats.Median(fresh) / baselineMedian));
        report.Add("cold start", "ratio set-up database / baseline (target ≤ 2×)", Report.Ratio(Stats.Median(existing) / baselineMedian));
        if (publishedFresh.Count > 0)
        {
            report.Add("cold start", "Bootstrap ReadyToRun publish, no database → first 200", Report.Ms(Stats.Median(publishedFresh)), Range(publishedFresh));
            report.Add("cold start", "Bootstrap ReadyToRun publish, set-up database → first 200", Report.Ms(Stats.Median(publishedExisting)), Range(publishedExisting));
            report.Add("cold start", "ratio ReadyToRun no database / baseline (target ≤ 2×)", Report.Ratio(Stats.Median(publishedFresh) / baselineMedian));
            report.Add("cold start", "ratio ReadyToRun set-up database / baseline (target ≤ 2×)", Report.Ratio(Stats.Median(publishedExisting) / baselineMedian));
        }
        report.Add("setup", "POST /api/v2/setup end to end (first request of a fresh process)", Report.Ms(Stats.Median(firstSetup)), Range(firstSetup));

        async Task<TimeSpan> StartOnSetUpDatabaseAsync(string entryDll, string folderName)
        {
            var folder = Path.Combine(options.WorkDirectory, folderName);
            prepared.CopyTo(folder);
            var clock = Stopwatch.StartNew();
            await using var host = ServerProcess.Start(entryDll, BootstrapHost.Settings(folder), log);
            return await host.WaitForOkAsync(BootstrapHost.ProbePath, clock, Timeout);
        }

        async Task<TimeSpan> StartOnNoDatabaseAsync(string entryDll, string folderName)
        {
            var folder = Path.Combine(options.WorkDirectory, folderName);
            Directory.CreateDirectory(folder);
            var clock = Stopwatch.StartNew();
            await using var host = ServerProcess.Start(entryDll, BootstrapHost.Settings(folder), log);
            return await host.WaitForOkAsync(BootstrapHost.ProbePath, clock, Timeout);
        }
    }

    private static void Record(bool measured, List<double> into, TimeSpan elapsed)
    {
        if (measured)
        {
            into.Add(elapsed.TotalMilliseconds);
        }
    }

    private static string Range(List<double> values) =>
        $"median of {values.Count}; min {Report.Ms(values.Min())}, max {Report.Ms(values.Max())}";
}
