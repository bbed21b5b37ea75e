using System.Diagnostics;
using Bootstrap.E2E.Tests.Infrastructure;
using Bootstrap.E2E.Tests.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bootstrap.E2E.Tests;

/// <summary>
/// Every page an operator meets, on a desktop and on a phone, in light and dark mode: one walk per
/// viewport and theme (each walk sets up its own instance), checking each page on the way.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageLayoutTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const int PhoneWidth = 375;

    /// <summary>The wizard's steps with the setup code required, in order, by <c>data-step</c> and by title.</summary>
    private static readonly (string Step, string Title)[] Steps =
    [
        ("claim", "Claim"), ("organization", "Organization"), ("admin", "Admin"), ("bucket", "Bucket"),
        ("machine", "Machine user"), ("review", "Review"), ("done", "Done"),
    ];

    public static TheoryData<int, int, bool> ViewportsAndThemes => new()
    {
        { 1280, 800, false },
        { 1280, 800, true },
        { PhoneWidth, 812, false },
        { PhoneWidth, 812, true },
    };

    [Theory]
    [MemberData(nameof(ViewportsAndThemes))]
    public async Task EveryPage_ShouldFitTheWindowWithoutHorizontalScrolling_AndHaveNoSeriousAxeViolations(int width, int height, bool dark)
    {
        Axe.EnsureAvailable();
        var walkTime = Stopwatch.StartNew();
        await using var app = await AppServer.StartAsync(new Dictionary<string, string> { ["Setup__ClaimMode"] = "Required" });
        var page = await browser.NewPageAsync(app, width, height, bypassContentSecurityPolicy: true);
        var phone = width == PhoneWidth;
        var walk = $"{width}x{height} {(dark ? "dark" : "light")}";
        var audit = new LayoutAudit(page, walk, dark ? null : phone ? "mobile" : "desktop");
        var appBar = new AppBar(page);
        var wizard = new SetupWizardPage(page);
        var values = new SetupValues();

        async Task CheckStepAsync(string step)
        {
            var number = Array.FindIndex(Steps, s => s.Step == step) + 1;
            if (phone)
            {
                await Expect(wizard.StepProgress).ToHaveTextAsync($"Step {number} of {Steps.Length} — {Steps[number - 1].Title}");
            }
            else
            {
                await Expect(wizard.StepProgress).ToBeHiddenAsync();
            }
            await Expect(wizard.CurrentStepButton).ToBeInViewportAsync(new() { Ratio = 1 });
            await audit.CheckAsync(step);
        }

        await wizard.OpenAsync();
        if (dark)
        {
            await appBar.SetDarkModeAsync(true);
        }
        await wizard.ExpectStepAsync("Claim");
        await wizard.FillAsync("claim-code", (await File.ReadAllTextAsync(app.ClaimTokenPath)).Trim());
        await CheckStepAsync("claim");
        await wizard.ClickNextAsync("Organization");
        await wizard.FillEverythingAsync(values, CheckStepAsync);
        await wizard.ClickCreateAsync();
        await CheckStepAsync("done");
        await wizard.ConfirmSavedAndContinueWithKeyboardAsync();

        var signIn = new SignInPage(page);
        await audit.CheckAsync("signin");
        await signIn.SignInAsync(values.AdminUserName, values.Password);
        var overview = new OverviewPage(page);
        await overview.WaitUntilLoadedAsync();
        await overview.CreateTokenAsync("CI pipeline");
        await appBar.SetDarkModeAsync(!dark);
        await appBar.SetDarkModeAsync(dark);
        await audit.CheckAsync("overview");

        await page.GotoAsync("setup");
        await Expect(wizard.AlreadySetUp).ToBeVisibleAsync();
        await audit.CheckAsync("already-set-up");
        await new ChangePasswordPage(page).OpenAsync();
        await audit.CheckAsync("change-password");

        output.WriteLine($"{walk}: walk took {walkTime.Elapsed.TotalSeconds:F1} s");
        Assert.True(audit.Findings.Count == 0, string.Join("\n", audit.Findings));
    }
}
