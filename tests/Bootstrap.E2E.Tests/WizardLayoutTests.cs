using Bootstrap.E2E.Tests.Infrastructure;
using Bootstrap.E2E.Tests.Pages;
using Microsoft.Playwright;

namespace Bootstrap.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class WizardLayoutTests(BrowserFixture browser)
{
    [Fact]
    public async Task EveryWizardStepAt375Pixels_ShouldFitTheScreenWithoutHorizontalScrolling()
    {
        await using var app = await AppServer.StartAsync();
        var page = await browser.NewPageAsync(app, width: 375, height: 740);
        var wizard = new SetupWizardPage(page);
        await wizard.OpenAsync();
        var overflowing = new List<string>();

        async Task CheckAsync(string step)
        {
            await Screenshots.TakeAsync(page, $"mobile-{step}");
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 375)
            {
                overflowing.Add($"{step}: {width}px");
            }
        }

        await CheckAsync("organization");
        await wizard.FillAsync("organization", "Acme Corp");
        await wizard.ClickNextAsync("Admin");
        await wizard.FillAsync("admin-username", "admin");
        await wizard.FillAsync("admin-email", "admin@acme.test");
        await wizard.FillAsync("admin-password", SetupWizardPage.Password);
        await wizard.FillAsync("admin-password-confirm", SetupWizardPage.Password);
        await CheckAsync("admin");
        await wizard.ClickNextAsync("Bucket");
        await wizard.FillAsync("bucket-name", "telemetry");
        await wizard.Field("retention-custom").CheckAsync();
        await CheckAsync("bucket");
        await wizard.ClickNextAsync("Machine");
        await wizard.Field("machine-enabled").CheckAsync();
        await wizard.FillAsync("machine-username", "ci-bot");
        await wizard.FillAsync("machine-name", "CI robot");
        await wizard.Field("machine-key").CheckAsync();
        await CheckAsync("machine");
        await wizard.ClickNextAsync("Review");
        await CheckAsync("review");
        await wizard.ClickCreateAsync();
        await CheckAsync("done");

        Assert.True(overflowing.Count == 0, "Wider than 375px: " + string.Join(", ", overflowing));
    }
}
