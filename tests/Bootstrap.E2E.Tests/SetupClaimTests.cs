using Bootstrap.Domain.Entities;
using Bootstrap.E2E.Tests.Infrastructure;
using Bootstrap.E2E.Tests.Pages;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Bootstrap.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SetupClaimTests(BrowserFixture browser)
{
    [Fact]
    public async Task ClaimStep_ShouldRefuseAWrongSetupCodeAtOnce_AndAcceptTheOneFromTheFile()
    {
        await using var app = await AppServer.StartAsync(new Dictionary<string, string> { ["Setup__ClaimMode"] = "Required" });
        var page = await browser.NewPageAsync(app);
        var wizard = new SetupWizardPage(page);
        await wizard.OpenAsync();
        await wizard.ExpectStepAsync("Claim");
        await Expect(page.Locator("[data-testid=setup-code-path]")).ToHaveTextAsync(app.ClaimTokenPath);

        await wizard.FillAsync("claim-code", "not-the-code");
        await wizard.ClickNextAsync("Claim");

        await Expect(wizard.Problems).ToContainTextAsync("That is not the setup code.");
        await Expect(page.Locator(".mud-input-control", new() { Has = wizard.Field("claim-code") })).ToContainTextAsync("That is not the setup code.");
        await using (var db = app.OpenDatabase())
        {
            var refused = await db.AuditEvents.IgnoreQueryFilters().SingleAsync(a => a.Action == "setup.claim.failed");
            Assert.Equal(SetupChannel.Wizard, refused.Channel);
        }
        var token = (await File.ReadAllTextAsync(app.ClaimTokenPath)).Trim();
        await wizard.FillAsync("claim-code", token);
        await wizard.ClickNextAsync("Organization");
        await wizard.FillEverythingAsync(new SetupValues(MachineUserName: null));
        await wizard.ClickCreateAsync();
        Assert.False(File.Exists(app.ClaimTokenPath));
        Assert.DoesNotContain(token, app.Log);
    }

    [Fact]
    public async Task RemoteBrowser_ShouldBeAskedForTheCode_WhateverItForwards_AndBeAuditedByItsOwnAddress()
    {
        await using var app = await AppServer.StartAsync();
        await using var relay = RemotePeerRelay.To(app);
        var page = await browser.NewPageAsync(app, through: relay);
        await page.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-Forwarded-For"] = "127.0.0.1" });
        var wizard = new SetupWizardPage(page);
        await wizard.OpenAsync();

        await wizard.ExpectStepAsync("Claim");
        await wizard.FillAsync("claim-code", (await File.ReadAllTextAsync(app.ClaimTokenPath)).Trim());
        await wizard.ClickNextAsync("Organization");
        await wizard.FillEverythingAsync(new SetupValues(MachineUserName: null));
        await wizard.ClickCreateAsync();

        await using var db = app.OpenDatabase();
        var audit = await db.AuditEvents.IgnoreQueryFilters().SingleAsync(a => a.Action == "setup.completed");
        Assert.Equal(relay.Source.ToString(), audit.RemoteAddress);
        Assert.Equal(SetupChannel.Wizard, audit.Channel);
    }
}
