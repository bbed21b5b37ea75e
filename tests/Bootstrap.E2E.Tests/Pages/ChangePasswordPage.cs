using Microsoft.Playwright;

namespace Bootstrap.E2E.Tests.Pages;

/// <summary><c>/signin/password</c>: where a user whose password must change is sent.</summary>
public sealed class ChangePasswordPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("signin/password");
        await page.Locator("[data-testid=password-change-form]").WaitForAsync();
    }
}
