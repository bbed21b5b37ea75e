using Microsoft.Playwright;

namespace Bootstrap.E2E.Tests.Infrastructure;

/// <summary>
/// Checks every page a walk reaches: no horizontal page scroll and no serious or critical axe violation.
/// Findings are collected rather than thrown, so one walk reports every page that fails.
/// </summary>
/// <param name="walk">Names the viewport and theme in each finding.</param>
/// <param name="screenshotPrefix">Screenshots for the docs are named <c>{prefix}-{page}</c>; none when null.</param>
public sealed class LayoutAudit(IPage page, string walk, string? screenshotPrefix)
{
    private readonly List<string> _findings = [];

    public IReadOnlyList<string> Findings => _findings;

    public async Task CheckAsync(string pageName)
    {
        var state = $"{walk}, {pageName}";
        _findings.AddRange(await Axe.SeriousViolationsAsync(page, state));
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        if (widths[0] > widths[1])
        {
            _findings.Add($"[{state}] page is {widths[0]}px wide in a {widths[1]}px window; sticking out: {await WidestElementsAsync()}");
        }
        if (screenshotPrefix is not null)
        {
            await Screenshots.TakeAsync(page, $"{screenshotPrefix}-{pageName}");
        }
    }

    /// <summary>
    /// The innermost elements reaching past the window's right edge, leaving out those clipped by a scrolling
    /// ancestor that itself fits: where to look when a page overflows.
    /// </summary>
    private Task<string> WidestElementsAsync() => page.EvaluateAsync<string>("""
        () => {
            const past = e => e.getBoundingClientRect().right > window.innerWidth + 0.5;
            const clipped = e => {
                for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                    if (getComputedStyle(a).overflowX !== 'visible' && !past(a)) return true;
                }
                return false;
            };
            return [...document.body.querySelectorAll('*')]
                .filter(e => past(e) && !clipped(e) && ![...e.children].some(c => past(c) && !clipped(c)))
                .slice(0, 4)
                .map(e => `${e.outerHTML.slice(0, 160)} (right ${Math.round(e.getBoundingClientRect().right)}px)`)
                .join(' | ');
        }
        """);
}
