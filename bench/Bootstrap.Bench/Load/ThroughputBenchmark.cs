using System.Diagnostics;
using System.Net;
using Bootstrap.Bench.Harness;

namespace Bootstrap.Bench.Load;

/// <summary>
/// Authenticated <c>GET /api/v2/me</c> under wrk against the baseline app's endpoint with the same
/// tool and settings. Both hosts stay up and the runs alternate, so noise from elsewhere hits both.
/// </summary>
public static class ThroughputBenchmark
{
    private const string MePath = "/api/v2/me";

    public static async Task RunAsync(BenchOptions options, Report report, PreparedInstance prepared)
    {
        var log = Path.Combine(options.WorkDirectory, "throughput.log");
        var folder = Path.Combine(options.WorkDirectory, "throughput");
        prepared.CopyTo(folder);

        await using var baseline = ServerProcess.Start(options.BaselineDll, new Dictionary<string, string>(), log);
        await using var app = ServerProcess.Start(options.AppDll, BootstrapHost.Settings(folder), log);
        await baseline.WaitForOkAsync(BootstrapHost.ProbePath, Stopwatch.StartNew(), TimeSpan.FromMinutes(2));
        await app.WaitForOkAsync(BootstrapHost.ProbePath, Stopwatch.StartNew(), TimeSpan.FromMinutes(2));
        using (var client = BootstrapHost.AuthenticatedClient(app.BaseAddress, prepared.OperatorToken))
        {
            var me = await client.GetAsync(MePath);
            if (me.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET /api/v2/me answered {(int)me.StatusCode} with the operator token");
            }
        }

        await Wrk.RunAsync(baseline, BootstrapHost.ProbePath, null, options.WarmupDuration, options.WorkDirectory);
        await Wrk.RunAsync(app, MePath, prepared.OperatorToken, options.WarmupDuration, options.WorkDirectory);

        var baselineRuns = new List<WrkResult>();
        var meRuns = new List<WrkResult>();
        for (var i = 0; i < options.LoadRepeats; i++)
        {
            baselineRuns.Add(await Wrk.RunAsync(baseline, BootstrapHost.ProbePath, null, options.LoadDuration, options.WorkDirectory));
            meRuns.Add(await Wrk.RunAsync(app, MePath, prepared.OperatorToken, options.LoadDuration, options.WorkDirectory));
        }

        var settings = $"wrk -t{Wrk.Threads} -c{Wrk.Connections} -d{options.LoadDuration.TotalSeconds:0}s, median of {options.LoadRepeats}";
        var baselineRps = Stats.Median(baselineRuns.Select(r => r.RequestsPerSecond));
        var meRps = Stats.Median(meRuns.Select(r => r.RequestsPerSecond));
        report.Add("throughput", "baseline GET /api/v2/setup requests/s", Report.Number(baselineRps), settings);
        report.Add("throughput", "baseline p99 latency", Report.Ms(Stats.Median(baselineRuns.Select(r => r.P99Milliseconds))));
        report.Add("throughput", "GET /api/v2/me (token) requests/s", Report.Number(meRps), settings);
        report.Add("throughput", "GET /api/v2/me p50 latency", Report.Ms(Stats.Median(meRuns.Select(r => r.P50Milliseconds))));
        report.Add("throughput", "GET /api/v2/me p99 latency", Report.Ms(Stats.Median(meRuns.Select(r => r.P99Milliseconds))));
        report.Add("throughput", "ratio /me / baseline (target ≥ 50 %)", Report.Percent(meRps / baselineRps));
        var baselineCpu = Stats.Median(baselineRuns.Select(r => r.CpuMicrosecondsPerRequest));
        var meCpu = Stats.Median(meRuns.Select(r => r.CpuMicrosecondsPerRequest));
        report.Add("throughput", "server CPU per request, baseline", Report.Us(baselineCpu), "less sensitive to other load than requests/s");
        report.Add("throughput", "server CPU per request, GET /api/v2/me", Report.Us(meCpu));
        report.Add("throughput", "CPU-per-request ratio baseline / me (≈ the attainable requests/s ratio)", Report.Percent(baselineCpu / meCpu));
        var failed = meRuns.Sum(r => r.FailedResponses) + baselineRuns.Sum(r => r.FailedResponses);
        if (failed > 0)
        {
            report.Note($"throughput: {failed} non-2xx responses or socket errors during the measured runs");
        }
        report.Add("memory", "Bootstrap RSS right after the load", Report.Mib(app.ResidentBytes()));
        report.Add("memory", "baseline RSS right after the load", Report.Mib(baseline.ResidentBytes()));
    }
}
