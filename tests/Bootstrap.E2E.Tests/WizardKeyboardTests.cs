using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Bootstrap.E2E.Tests.Infrastructure;
using Bootstrap.E2E.Tests.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bootstrap.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class WizardKeyboardTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task CompletingTheWizardWithTheKeyboardOnly_ShouldCreateAnInstanceWhoseTokenAndAdminWork()
    {
        await using var app = await AppServer.StartAsync();
        var page = await browser.NewPageAsync(app);
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add($"{message.Text} ({message.Location})");
            }
        };
        var wizard = new SetupWizardPage(page);

        var coldOpen = await wizard.OpenAsync();
        var warmOpen = await wizard.OpenAsync();
        var firstPaint = await page.EvaluateAsync<double>(
            "() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd");
        await wizard.CompleteWithKeyboardAsync(_ => Task.CompletedTask);
        var clickToDone = await wizard.PressCreateAsync();
        await wizard.ExpectFocusOnHeadingAsync("Setup complete");
        output.WriteLine($"/setup interactive: cold {coldOpen.TotalMilliseconds:F0} ms, warm {warmOpen.TotalMilliseconds:F0} ms; " +
                         $"warm DOMContentLoaded {firstPaint:F0} ms; create-to-done {clickToDone.TotalMilliseconds:F0} ms");

        var operatorToken = await wizard.SecretAsync("operator-token");
        var pat = await wizard.SecretAsync("machine-pat");
        using var keyFile = JsonDocument.Parse(await wizard.SecretAsync("machine-key"));
        Assert.Equal("serviceaccount", keyFile.RootElement.GetProperty("type").GetString());
        await AssertTokenIsAsync(app, operatorToken, "admin");
        await AssertTokenIsAsync(app, pat, "ci-bot");
        Assert.DoesNotContain(operatorToken, app.Log);
        Assert.DoesNotContain(pat, app.Log);

        await wizard.ConfirmSavedAndContinueWithKeyboardAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");

        await page.GotoAsync("setup");
        await Expect(wizard.AlreadySetUp).ToBeVisibleAsync();
        Assert.DoesNotContain(operatorToken, await page.ContentAsync());

        var signIn = new SignInPage(page);
        await signIn.OpenAsync();
        await signIn.SignInWithKeyboardAsync("admin", SetupWizardPage.Password);
        var overview = new OverviewPage(page);
        await overview.WaitUntilLoadedAsync();
        await Expect(overview.Section("buckets")).ToContainTextAsync("7 days");
        await Expect(overview.Section("users")).ToContainTextAsync("ci-bot");
        Assert.Contains(await page.Context.CookiesAsync(), cookie => cookie.Name == "bootstrap-session");
        Assert.Empty(consoleErrors);
    }

    private static async Task AssertTokenIsAsync(AppServer app, string token, string userName)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v2/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", token);
        using var response = await app.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var me = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(userName, me.RootElement.GetProperty("name").GetString());
    }
}
