using Bootstrap.E2E.Tests.Infrastructure;
using Bootstrap.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Bootstrap.E2E.Tests;

/// <summary>The wizard before anything is submitted; these tests share one app that is never set up.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SetupPageTests(BrowserFixture browser, FreshAppFixture fresh) : IClassFixture<FreshAppFixture>
{
    [Fact]
    public async Task ReloadingMidWizard_ShouldKeepWhatWasTyped_ButNotThePassword()
    {
        var page = await browser.NewPageAsync(fresh.App);
        var wizard = new SetupWizardPage(page);
        await wizard.OpenAsync();
        await wizard.FillAsync("organization", "Acme Corp");
        await wizard.ClickNextAsync("Admin");
        await wizard.FillAsync("admin-username", "admin");
        await wizard.FillAsync("admin-email", "admin@acme.test");
        await wizard.FillAsync("admin-password", SetupWizardPage.Password);

        await page.ReloadAsync();
        await wizard.WaitUntilInteractiveAsync();

        await wizard.ExpectStepAsync("Admin");
        await Expect(wizard.Field("admin-username")).ToHaveValueAsync("admin");
        await Expect(wizard.Field("admin-email")).ToHaveValueAsync("admin@acme.test");
        await Expect(wizard.Field("admin-password")).ToHaveValueAsync("");
        await page.Locator(SetupWizardPage.Button("wizard-back")).ClickAsync();
        await wizard.ExpectStepAsync("Organization");
        await Expect(wizard.Field("organization")).ToHaveValueAsync("Acme Corp");
        var storage = await page.EvaluateAsync<string>("() => JSON.stringify(sessionStorage)");
        Assert.DoesNotContain(SetupWizardPage.Password, storage);
        Assert.DoesNotContain("admin@acme.test", storage);
    }

    [Fact]
    public async Task SetupPage_ShouldHaveNoSeriousOrCriticalAxeViolations_OnAnyStepBeforeSubmitting()
    {
        Axe.EnsureAvailable();
        var page = await browser.NewPageAsync(fresh.App, bypassContentSecurityPolicy: true);
        var wizard = new SetupWizardPage(page);
        await wizard.OpenAsync();

        var findings = new List<string>();
        findings.AddRange(await Axe.SeriousViolationsAsync(page, "organization"));
        await page.Locator(SetupWizardPage.Button("wizard-next")).ClickAsync();
        await wizard.Problems.Locator("li").First.WaitForAsync();
        findings.AddRange(await Axe.SeriousViolationsAsync(page, "organization with errors"));
        await wizard.FillEverythingAsync(new SetupValues());
        findings.AddRange(await Axe.SeriousViolationsAsync(page, "review"));
        await page.Locator(SetupWizardPage.Button("wizard-back")).ClickAsync();
        await wizard.ExpectStepAsync("Machine");
        findings.AddRange(await Axe.SeriousViolationsAsync(page, "machine user"));
        await page.Locator(SetupWizardPage.Button("wizard-back")).ClickAsync();
        await wizard.ExpectStepAsync("Bucket");
        findings.AddRange(await Axe.SeriousViolationsAsync(page, "bucket"));
        await page.Locator(SetupWizardPage.Button("wizard-back")).ClickAsync();
        await wizard.ExpectStepAsync("Admin");
        findings.AddRange(await Axe.SeriousViolationsAsync(page, "admin"));
        await page.Locator("[data-testid=dark-mode-toggle]").ClickAsync();
        await Expect(page.Locator("[data-testid=dark-mode-toggle]")).ToHaveAttributeAsync("aria-pressed", "true");
        findings.AddRange(await Axe.SeriousViolationsAsync(page, "admin, dark mode"));

        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }
}
