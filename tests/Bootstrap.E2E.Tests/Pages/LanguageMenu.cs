using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bootstrap.E2E.Tests.Pages;

/// <summary>The language menu in the app bar.</summary>
public sealed class LanguageMenu(IPage page)
{
    public ILocator Button => page.Locator("[data-testid=language-switcher-button]");

    /// <summary>Opens the menu, picks <paramref name="language"/> and waits for the page to come back in it.</summary>
    public async Task ChooseAsync(string language)
    {
        await Button.ClickAsync();
        await page.Locator($"button[data-testid=language-{language}]").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
    }
}
