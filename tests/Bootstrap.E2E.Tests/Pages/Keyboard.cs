using Microsoft.Playwright;

namespace Bootstrap.E2E.Tests.Pages;

/// <summary>Moves focus the way a keyboard user does: Tab until the wanted element has focus.</summary>
public static class Keyboard
{
    private const int MaxTabs = 40;

    public static async Task TabToAsync(this IPage page, string selector)
    {
        for (var i = 0; i < MaxTabs; i++)
        {
            if (await page.EvaluateAsync<bool>("s => !!document.activeElement && document.activeElement.matches(s)", selector))
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        var focused = await page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : 'nothing'");
        throw new InvalidOperationException($"{MaxTabs} presses of Tab never reached {selector}; focus is on {focused}.");
    }

    /// <summary>Within a radio group Tab stops only at the checked radio; the arrow keys move (and select) from there.</summary>
    public static async Task ArrowToAsync(this IPage page, string selector, string arrow)
    {
        for (var i = 0; i < 10; i++)
        {
            if (await page.EvaluateAsync<bool>("s => !!document.activeElement && document.activeElement.matches(s)", selector))
            {
                return;
            }
            await page.Keyboard.PressAsync(arrow);
        }
        throw new InvalidOperationException($"{arrow} never reached {selector}.");
    }

    public static async Task TabAndTypeAsync(this IPage page, string selector, string text)
    {
        await page.TabToAsync(selector);
        await page.Keyboard.TypeAsync(text);
    }

    public static async Task TabAndPressAsync(this IPage page, string selector, string key)
    {
        await page.TabToAsync(selector);
        await page.Keyboard.PressAsync(key);
    }
}
