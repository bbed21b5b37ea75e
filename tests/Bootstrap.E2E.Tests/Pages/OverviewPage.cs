using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bootstrap.E2E.Tests.Pages;

/// <summary>The signed-in admin's overview at <c>/</c>.</summary>
public sealed class OverviewPage(IPage page)
{
    public ILocator Heading => page.Locator("h1");

    public ILocator Section(string testId) => page.Locator($"section[data-testid={testId}]");

    public ILocator TokenRows => page.Locator("tr[data-testid=token-row]");

    public ILocator TokenRow(string description) => TokenRows.Filter(new LocatorFilterOptions { HasText = description });

    /// <param name="heading">The page's heading in the UI's language.</param>
    public async Task WaitUntilLoadedAsync(string heading = "Overview")
    {
        await Expect(Heading).ToHaveTextAsync(heading);
        // The prerendered page shows before the circuit connects; buttons respond only after.
        await page.Locator(".overview[data-interactive=true]").WaitForAsync();
    }

    /// <returns>The new token's secret, shown once.</returns>
    public async Task<string> CreateTokenAsync(string description)
    {
        await page.Locator("input[data-testid=token-description]").FillAsync(description);
        await page.Locator("button[data-testid=token-create]").ClickAsync();
        var secret = page.Locator("[data-testid=new-token-secret-value]");
        await secret.WaitForAsync();
        return await secret.InnerTextAsync();
    }

    public async Task RevokeTokenAsync(string description)
    {
        await TokenRow(description).Locator("button[data-testid=token-revoke]").ClickAsync();
        await Expect(TokenRow(description).Locator("[data-testid=token-status]")).ToHaveTextAsync("Revoked");
    }

    public async Task SignOutAsync()
    {
        await page.Locator("button:has-text('Sign out')").ClickAsync();
        await page.WaitForURLAsync("**/signin");
    }
}
