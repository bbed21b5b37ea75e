using System.Text.Json;
using Microsoft.Playwright;

namespace Bootstrap.E2E.Tests.Infrastructure;

/// <summary>axe-core (from npm, copied next to the tests) run inside the page under test.</summary>
public static class Axe
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "axe.min.js");

    public static void EnsureAvailable() =>
        Assert.True(File.Exists(Script), $"{Script} is missing: run `npm ci --prefix tests/Bootstrap.E2E.Tests` (./test.sh does).");

    /// <summary>The page must have been opened with the Content-Security-Policy bypassed, or the script is refused.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page, string state)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Script });
        }
        // Colours measured mid-transition (e.g. right after switching theme) are neither the old nor the new ones.
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
        var json = await page.EvaluateAsync<string>("""
            async () => {
                const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
                return JSON.stringify(result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.html.slice(0, 120) + ' ' + n.any.map(a => a.message).join(' ')) })));
            }
            """);
        using var violations = JsonDocument.Parse(json);
        return violations.RootElement.EnumerateArray()
            .Select(v => $"[{state}] {v.GetProperty("impact")} {v.GetProperty("id")}: {v.GetProperty("help")} -> {v.GetProperty("nodes")}")
            .ToList();
    }
}
