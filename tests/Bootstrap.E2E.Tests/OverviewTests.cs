using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Bootstrap.Domain.Security;
using Bootstrap.E2E.Tests.Infrastructure;
using Bootstrap.E2E.Tests.Pages;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Bootstrap.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class OverviewTests(BrowserFixture browser)
{
    [Fact]
    public async Task AuditTimes_ShouldBeShownInTheBrowsersTimeZone()
    {
        await using var app = await AppServer.StartAsync();
        var values = new SetupValues();
        Assert.Equal(HttpStatusCode.Created, (await app.Http.PostAsJsonAsync("api/setup", values.ToNativeRequest())).StatusCode);
        DateTime completedAt;
        await using (var db = app.OpenDatabase())
        {
            completedAt = (await db.AuditEvents.IgnoreQueryFilters().SingleAsync(a => a.Action == "setup.completed")).OccurredAt;
        }
        var berlin = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(completedAt, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        var page = await browser.NewPageAsync(app, timezoneId: "Europe/Berlin");

        await page.GotoAsync("");
        await new SignInPage(page).SignInAsync(values.AdminUserName, values.Password);
        var overview = new OverviewPage(page);
        await overview.WaitUntilLoadedAsync();

        await Expect(overview.Section("audit")).ToContainTextAsync("When (Europe/Berlin)");
        await Expect(overview.Section("audit").Locator("tr[data-testid=audit-row]", new() { HasText = "Setup completed" }))
            .ToContainTextAsync(berlin.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task SignedInAdmin_ShouldSeeTheInstance_AndCreateAndRevokeATokenThatReallyWorks()
    {
        await using var app = await AppServer.StartAsync();
        var values = new SetupValues();
        Assert.Equal(HttpStatusCode.Created, (await app.Http.PostAsJsonAsync("api/setup", values.ToNativeRequest())).StatusCode);
        var page = await browser.NewPageAsync(app);

        await page.GotoAsync("");
        await page.WaitForURLAsync("**/signin?ReturnUrl=%2F");
        var signIn = new SignInPage(page);
        await signIn.SignInAsync(values.AdminUserName, "wrong-password");
        await Expect(signIn.Error).ToContainTextAsync("not correct");
        await signIn.SignInAsync(values.AdminUserName, values.Password);

        var overview = new OverviewPage(page);
        await overview.WaitUntilLoadedAsync();
        await Expect(overview.Section("instance")).ToContainTextAsync("Acme Corp");
        await Expect(overview.Section("organizations")).ToContainTextAsync("acme-corp");
        await Expect(overview.Section("buckets")).ToContainTextAsync("30 days");
        await Expect(overview.Section("users")).ToContainTextAsync("CI robot");
        await Expect(overview.Section("audit")).ToContainTextAsync("Setup completed");

        var secret = await overview.CreateTokenAsync("CI pipeline");
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(app, secret));
        await using (var db = app.OpenDatabase())
        {
            var stored = await db.ApiTokens.IgnoreQueryFilters().SingleAsync(t => t.Description == "CI pipeline");
            Assert.Equal(Secrets.Hash(secret), stored.SecretHash);
        }
        await page.Locator("button[data-testid=new-token-dismiss]").ClickAsync();
        await Expect(page.Locator("[data-testid=new-token]")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await page.ContentAsync());

        await overview.RevokeTokenAsync("CI pipeline");
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(app, secret));
        await Expect(overview.Section("audit")).ToContainTextAsync("Token created");
        await Expect(overview.Section("audit")).ToContainTextAsync("Token revoked");
        Assert.DoesNotContain(secret, app.Log);

        await overview.SignOutAsync();
        await page.GotoAsync("");
        await page.WaitForURLAsync("**/signin?ReturnUrl=%2F");
    }

    private static async Task<HttpStatusCode> MeStatusAsync(AppServer app, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v2/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", token);
        using var response = await app.Http.SendAsync(request);
        return response.StatusCode;
    }
}
