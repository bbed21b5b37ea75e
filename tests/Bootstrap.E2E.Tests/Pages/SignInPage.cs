using Microsoft.Playwright;

namespace Bootstrap.E2E.Tests.Pages;

/// <summary><c>/signin</c>: a native form post to the sign-in endpoint.</summary>
public sealed class SignInPage(IPage page)
{
    public ILocator Error => page.Locator("[data-testid=signin-error]");

    public async Task OpenAsync()
    {
        await page.GotoAsync("signin");
        await page.Locator("[data-testid=signin-form]").WaitForAsync();
    }

    public async Task SignInWithKeyboardAsync(string userName, string password)
    {
        await page.TabAndTypeAsync("input[data-testid=signin-username]", userName);
        await page.TabAndTypeAsync("input[data-testid=signin-password]", password);
        await page.Keyboard.PressAsync("Enter");
    }

    public async Task SignInAsync(string userName, string password)
    {
        await page.Locator("input[data-testid=signin-username]").FillAsync(userName);
        await page.Locator("input[data-testid=signin-password]").FillAsync(password);
        await page.Locator("button[data-testid=signin-submit]").ClickAsync();
    }
}
