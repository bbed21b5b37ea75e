using System.Diagnostics;
using Bootstrap.Bench.Harness;
using Microsoft.Playwright;

namespace Bootstrap.Bench.Memory;

/// <summary>
/// RSS of a host that is not set up yet while <see cref="Count"/> browsers sit in the first-run wizard:
/// each headless Chromium context on <c>/setup</c> holds its own Blazor Server circuit over a
/// <c>_blazor</c> WebSocket. Only the host's memory is measured, never Chromium's.
/// </summary>
public static class WizardCircuits
{
    public const int Count = 20;

    /// <summary>Overrides where Chromium is, as for the browser tests.</summary>
    private const string ChromiumPathVariable = "BOOTSTRAP_CHROMIUM";

    private const string DefaultChromiumPath = "/usr/bin/chromium";

    // The prerendered wizard is visible before its circuit connects; the server marks it once the circuit has rendered it.
    private const string InteractiveWizard = ".setup-wizard[data-interactive=true]";

    private static readonly string Metric = $"Bootstrap RSS with {Count} open wizard circuits";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(60);

    public static async Task MeasureAsync(BenchOptions options, Report report)
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumPathVariable) ?? DefaultChromiumPath;
        if (!File.Exists(chromium))
        {
            report.Add("memory", Metric, "not measured",
                $"no Chromium at {chromium}: install Debian's chromium package (run.sh does) or set {ChromiumPathVariable}");
            return;
        }

        // /setup redirects away once the instance is set up, so this host starts on an empty data folder.
        var folder = Path.Combine(options.WorkDirectory, "memory-wizard");
        Directory.CreateDirectory(folder);
        await using var app = ServerProcess.Start(options.AppDll, BootstrapHost.Settings(folder), Path.Combine(options.WorkDirectory, "memory.log"));
        await app.WaitForOkAsync(BootstrapHost.ProbePath, Stopwatch.StartNew(), StartTimeout);
        using (var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = PageTimeout })
        {
            (await http.GetAsync("/setup")).EnsureSuccessStatusCode();
        }
        await Task.Delay(MemoryBenchmark.Settle);
        var idle = app.ResidentBytes();
        report.Add("memory", "Bootstrap idle RSS before the wizard circuits", Report.Mib(idle),
            $"no database at start, one GET /setup, {MemoryBenchmark.Settle.TotalSeconds:0} s idle");

        long withCircuits;
        try
        {
            withCircuits = await ResidentBytesWithCircuitsAsync(chromium, app);
        }
        catch (PlaywrightException exception)
        {
            // Playwright appends its whole call log; the first line says what failed.
            report.Add("memory", Metric, "not measured", $"Chromium: {exception.Message.Split('\n')[0]}");
            return;
        }
        report.Add("memory", Metric, Report.Mib(withCircuits),
            $"{Count} Chromium contexts on /setup, each with its _blazor WebSocket open; {MemoryBenchmark.Settle.TotalSeconds:0} s after the last became interactive");
        report.Add("memory", "RSS per open wizard circuit", Report.Kib((withCircuits - idle) / Count), $"(with circuits − idle before) / {Count}");
    }

    private static async Task<long> ResidentBytesWithCircuitsAsync(string chromium, ServerProcess app)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var circuits = new List<IWebSocket>(Count);
        for (var i = 0; i < Count; i++)
        {
            circuits.Add(await OpenCircuitAsync(browser, app.BaseAddress));
        }
        await Task.Delay(MemoryBenchmark.Settle);
        EnsureOpen(circuits);
        var resident = app.ResidentBytes();
        EnsureOpen(circuits);
        return resident;
    }

    /// <summary>A new browser context (its own cookies and session storage, so its own circuit) on the wizard, once interactive.</summary>
    private static async Task<IWebSocket> OpenCircuitAsync(IBrowser browser, Uri baseAddress)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout((float)PageTimeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        return await page.RunAndWaitForWebSocketAsync(
            async () =>
            {
                await page.GotoAsync("/setup");
                await page.Locator(InteractiveWizard).WaitForAsync();
            },
            new PageRunAndWaitForWebSocketOptions { Predicate = socket => new Uri(socket.Url).AbsolutePath == "/_blazor" });
    }

    private static void EnsureOpen(IReadOnlyCollection<IWebSocket> circuits)
    {
        var closed = circuits.Count(circuit => circuit.IsClosed);
        if (closed > 0)
        {
            throw new InvalidOperationException($"{closed} of {Count} wizard circuits lost their _blazor WebSocket; RSS not reported");
        }
    }
}
