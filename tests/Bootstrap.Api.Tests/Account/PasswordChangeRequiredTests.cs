using System.Net;
using Bootstrap.Api.Influx.Signin;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Tests.Account;

/// <summary>Zitadel's <c>passwordChangeRequired</c>: the right password alone issues no session until a new one is chosen.</summary>
public sealed class PasswordChangeRequiredTests
{
    private const string Host = "second.test";
    private const string NewPassword = "a-brand-new-passphrase";

    private static readonly Dictionary<string, string?> GenerousSignIn = new(SessionCookies.PageSettings)
    {
        ["RateLimits:SignInPerMinute"] = "1000",
    };

    /// <summary>An instance on <see cref="Host"/> whose human owner must change the password at first sign-in.</summary>
    private static async Task<BootstrapApiFactory> AppWithPendingChangeAsync(DatabaseProvider provider)
    {
        var app = await BootstrapApiFactory.OnAsync(provider, SessionCookies.PagesCallTheTestServer, GenerousSignIn);
        await app.CompleteFirstRunAsync();
        var body = ZitadelFixtures.CreateInstance(Host, human: true, machine: false);
        body["human"] = new
        {
            userName = "owner",
            email = new { email = "owner@second.test" },
            profile = new { firstName = "Olga", lastName = "Owner" },
            password = new { password = ZitadelFixtures.StrongPassword, passwordChangeRequired = true },
        };
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostSystemAsync("/system/v1/instances/_create", body)).StatusCode);
        return app;
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task InfluxSignin_ShouldAnswerForbiddenWithoutASessionUntilThePasswordIsChanged(DatabaseProvider provider)
    {
        await using var app = await AppWithPendingChangeAsync(provider);
        var client = app.CreateClientFor(Host);

        var pending = await client.SignInAsync("owner", ZitadelFixtures.StrongPassword);
        var wrong = await client.SignInAsync("owner", "not-the-password");

        Assert.Equal(HttpStatusCode.Forbidden, pending.StatusCode);
        Assert.False(pending.Headers.Contains("Set-Cookie"));
        var error = await pending.ReadJsonAsync();
        Assert.Equal("forbidden", error.GetProperty("code").GetString());
        Assert.Equal(InfluxSigninController.PasswordChangeRequiredMessage, error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        await ChangeWithTheFormAsync(Browser(app), ZitadelFixtures.StrongPassword, NewPassword);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SignInAsync("owner", NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync("owner", ZitadelFixtures.StrongPassword)).StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SignInPage_ShouldDemandANewPasswordBeforeIssuingASession(DatabaseProvider provider)
    {
        await using var app = await AppWithPendingChangeAsync(provider);
        var browser = Browser(app);
        var stampBefore = await StampAsync(app);

        var signIn = await PostFormAsync(browser, "/signin", "/account/signin",
            new() { ["UserName"] = "owner", ["Password"] = ZitadelFixtures.StrongPassword });

        Assert.Equal("/signin/password?UserName=owner", signIn.Headers.Location!.OriginalString);
        Assert.DoesNotContain(SetCookies(signIn), c => c.StartsWith("bootstrap-session=", StringComparison.Ordinal));
        var page = await browser.GetStringAsync("/signin/password?UserName=owner");
        Assert.Contains("data-testid=\"password-change-form\"", page);
        Assert.Contains("Passwords must be between 8 and 72 characters long.", page);

        var weak = await ChangeAsync(browser, ZitadelFixtures.StrongPassword, "short", "short");
        var mismatch = await ChangeAsync(browser, ZitadelFixtures.StrongPassword, NewPassword, NewPassword + "x");
        var same = await ChangeAsync(browser, ZitadelFixtures.StrongPassword, ZitadelFixtures.StrongPassword, ZitadelFixtures.StrongPassword);
        var wrongCurrent = await ChangeAsync(browser, "not-the-password", NewPassword, NewPassword);
        Assert.Equal("/signin/password?UserName=owner&error=weak", weak.Headers.Location!.OriginalString);
        Assert.Equal("/signin/password?UserName=owner&error=mismatch", mismatch.Headers.Location!.OriginalString);
        Assert.Equal("/signin/password?UserName=owner&error=weak", same.Headers.Location!.OriginalString);
        Assert.Equal("/signin/password?UserName=owner&error=invalid", wrongCurrent.Headers.Location!.OriginalString);
        Assert.True((await UserAsync(app)).PasswordChangeRequired);

        var changed = await ChangeAsync(browser, ZitadelFixtures.StrongPassword, NewPassword, NewPassword);

        Assert.Equal("/", changed.Headers.Location!.OriginalString);
        Assert.Contains(SetCookies(changed), c => c.StartsWith("bootstrap-session=", StringComparison.Ordinal));
        var user = await UserAsync(app);
        Assert.False(user.PasswordChangeRequired);
        Assert.NotEqual(stampBefore, user.SecurityStamp);
        var overview = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("owner@second.test", await overview.Content.ReadAsStringAsync());
        var audit = await app.QueryAsync(db => db.AuditEvents.IgnoreQueryFilters().Where(a => a.Action == "password.changed").ToListAsync());
        Assert.Contains(audit, a => a.Succeeded && a.Subject == "owner" && a.Detail == "required change at first sign-in");
        Assert.All(audit, a => Assert.Equal(SetupChannel.Wizard, a.Channel));
        Assert.DoesNotContain(audit, a => (a.Detail ?? "").Contains(NewPassword, StringComparison.Ordinal));
    }

    private static HttpClient Browser(BootstrapApiFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{Host}"), AllowAutoRedirect = false });

    private static async Task ChangeWithTheFormAsync(HttpClient browser, string current, string replacement) =>
        Assert.Equal("/", (await ChangeAsync(browser, current, replacement, replacement)).Headers.Location!.OriginalString);

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient browser, string current, string replacement, string confirmation) =>
        PostFormAsync(browser, "/signin/password?UserName=owner", "/account/password", new()
        {
            ["UserName"] = "owner", ["CurrentPassword"] = current, ["NewPassword"] = replacement, ["ConfirmPassword"] = confirmation,
        });

    /// <summary>Loads <paramref name="page"/> for its antiforgery token, then posts its form as a browser would.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string page, string action, Dictionary<string, string> fields)
    {
        fields[PageForms.AntiforgeryField] = await browser.AntiforgeryTokenAsync(page);
        var response = await browser.PostAsync(action, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [];

    private static Task<User> UserAsync(BootstrapApiFactory app) =>
        app.QueryAsync(db => db.Users.IgnoreQueryFilters().AsNoTracking().SingleAsync(u => u.UserName == "owner"));

    private static async Task<string?> StampAsync(BootstrapApiFactory app) => (await UserAsync(app)).SecurityStamp;
}
