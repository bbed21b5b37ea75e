using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bootstrap.E2E.Tests.Pages;

/// <summary>The bar at the top of every page.</summary>
public sealed class AppBar(IPage page)
{
    public ILocator DarkModeToggle => page.Locator("[data-testid=dark-mode-toggle]");

    /// <summary>A real click: Playwright refuses it if anything else (e.g. the bar itself) would receive it.</summary>
    public async Task SetDarkModeAsync(bool dark)
    {
        await DarkModeToggle.ClickAsync();
        await Expect(DarkModeToggle).ToHaveAttributeAsync("aria-pressed", dark ? "true" : "false");
        // Off the button, so its tooltip does not cover the page in screenshots.
        await page.Mouse.MoveAsync(0, 0);
    }
}
