using Bootstrap.Bench.Harness;

namespace Bootstrap.Bench.Memory;

/// <summary>RSS with open wizard circuits, once the host serves the Blazor wizard.</summary>
public static class WizardCircuits
{
    public const int Count = 20;

    public static async Task MeasureAsync(BenchOptions options, Report report, ServerProcess app)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var page = await http.GetAsync("/setup");
        var html = page.IsSuccessStatusCode ? await page.Content.ReadAsStringAsync() : string.Empty;
        if (!html.Contains("_framework/blazor", StringComparison.Ordinal))
        {
            report.Add("memory", $"Bootstrap RSS with {Count} open wizard circuits", "pending",
                $"GET /setup is not a Blazor page in this build ({(int)page.StatusCode}); run `./bench/run.sh --only memory` once the wizard is merged");
            return;
        }
        _ = options;
        report.Add("memory", $"Bootstrap RSS with {Count} open wizard circuits", "pending", "the Blazor circuit client is not written yet");
    }
}
