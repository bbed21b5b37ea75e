using System.Globalization;
using Bootstrap.E2E.Tests.Infrastructure;
using Bootstrap.E2E.Tests.Pages;
using Bootstrap.Web.Localization;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bootstrap.E2E.Tests;

/// <summary>
/// The wizard walked to the end, then sign-in and the overview, in each language: chosen by a German
/// browser's Accept-Language, and by the switcher from an English browser. No page may show English the
/// language has its own words for, and <c>&lt;html lang&gt;</c> must say the language.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LanguageWalkTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Wizard_InAGermanBrowserOnAPhone_ShouldShowNoEnglish_FitTheScreen_AndPassAxe()
    {
        Axe.EnsureAvailable();
        await using var app = await AppServer.StartAsync(new Dictionary<string, string> { ["Setup__ClaimMode"] = "Required" });
        var page = await browser.NewPageAsync(app, 375, 812, bypassContentSecurityPolicy: true, locale: "de-DE");
        var walk = new LanguageWalk(page, "de", new LayoutAudit(page, "de-DE 375x812", screenshotPrefix: null));

        await walk.SetUpAndSignInAsync(app);
        await page.GotoAsync("setup");
        await Expect(new SetupWizardPage(page).AlreadySetUp).ToBeVisibleAsync();
        await walk.CheckAsync("already-set-up");
        await new ChangePasswordPage(page).OpenAsync();
        await walk.CheckAsync("change-password");

        output.WriteLine(walk.Summary);
        Assert.True(walk.Findings.Count == 0, string.Join("\n", walk.Findings));
    }

    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("es")]
    [InlineData("ja")]
    public async Task Wizard_InTheLanguageChosenWithTheSwitcher_ShouldShowNoEnglish_AndRememberTheChoice(string language)
    {
        await using var app = await AppServer.StartAsync();
        var page = await browser.NewPageAsync(app);
        var wizard = new SetupWizardPage(page);
        await wizard.OpenAsync();
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));

        await new LanguageMenu(page).ChooseAsync(language);
        var walk = new LanguageWalk(page, language, audit: null);
        await walk.SetUpAndSignInAsync(app, switched: true);

        output.WriteLine(walk.Summary);
        Assert.True(walk.Findings.Count == 0, string.Join("\n", walk.Findings));
    }

    [Fact]
    public async Task UntranslatedText_ShouldFindEnglishThatTheLanguageHasWordsFor_ButNotCommandsDataOrSharedWords()
    {
        var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var german = new CultureInfo("de");
        await page.SetContentAsync($"""
            <title>{Strings.Get("SignIn.PageTitle", german)}</title>
            <h1>{Strings.Get("SignIn.Heading", german)}</h1>
            <p>Sign out</p>
            <button aria-label="Show password">x</button>
            <code>Sign out</code>
            <table><tr><td translate="no">Sign out</td><td>{Strings.Get("Overview.Buckets", german)}</td><td>Bucket</td></tr></table>
            <p style="display:none">Copy</p>
            """);

        var found = await new UntranslatedText(german).FindAsync(page, []);

        Assert.Equal(["\"Show password\" in \"Show password\"", "\"Sign out\" in \"Sign out\""], found.Order(StringComparer.Ordinal));
        await context.CloseAsync();
    }

    /// <summary>One walk's checks: the language of every page, and what an audit of its layout finds.</summary>
    private sealed class LanguageWalk(IPage page, string language, LayoutAudit? audit)
    {
        private readonly CultureInfo _culture = new(language);
        private readonly UntranslatedText _untranslated = new(new CultureInfo(language));
        private readonly List<string> _findings = [];
        private readonly List<string> _pages = [];

        /// <summary>The pages docs/localization.md shows in each language.</summary>
        private static readonly Dictionary<string, string> ScreenshotNames = new()
        {
            ["admin, weak password refused"] = "admin-refused",
            ["done"] = "done",
            ["overview"] = "overview",
        };

        /// <summary>What the walk typed, and the description InfluxDB's onboarding gives the operator token.</summary>
        private static readonly string[] StoredData = [.. new SetupValues().StoredNames(), "admin's Token", "CI pipeline"];

        public IReadOnlyList<string> Findings => [.. _findings, .. audit?.Findings ?? []];

        public string Summary => $"{language}: {_pages.Count} pages checked ({string.Join(", ", _pages)}), {Findings.Count} findings";

        public async Task CheckAsync(string pageName)
        {
            _pages.Add(pageName);
            var lang = await page.Locator("html").GetAttributeAsync("lang");
            if (lang != language)
            {
                _findings.Add($"[{language}, {pageName}] html lang is \"{lang}\"");
            }
            foreach (var english in await _untranslated.FindAsync(page, StoredData))
            {
                _findings.Add($"[{language}, {pageName}] English left: {english}");
            }
            if (audit is not null)
            {
                await audit.CheckAsync(pageName);
            }
            if (ScreenshotNames.TryGetValue(pageName, out var name))
            {
                await Screenshots.TakeAsync(page, $"{language}-{(audit is null ? "desktop" : "mobile")}-{name}");
            }
        }

        /// <param name="switched">The wizard is already open (the switcher reloaded it).</param>
        public async Task SetUpAndSignInAsync(AppServer app, bool switched = false)
        {
            var wizard = new SetupWizardPage(page);
            var values = new SetupValues();
            if (!switched)
            {
                await wizard.OpenAsync();
            }
            await wizard.WaitUntilInteractiveAsync();
            if (await wizard.Wizard.GetAttributeAsync("data-step") == "Claim")
            {
                await wizard.ClickNextAsync("Claim");
                await CheckAsync("claim, empty code refused");
                await wizard.FillAsync("claim-code", (await File.ReadAllTextAsync(app.ClaimTokenPath)).Trim());
                await CheckAsync("claim");
                await wizard.ClickNextAsync("Organization");
            }
            await CheckAsync("organization, empty");
            await wizard.ClickNextAsync("Organization");
            await Expect(wizard.Problems).Not.ToBeEmptyAsync();
            await CheckAsync("organization, refused");
            await wizard.FillEverythingAsync(values, step => step == "admin" ? CheckWeakPasswordThenFixAsync(wizard, values) : CheckAsync(step));
            await wizard.ClickCreateAsync();
            await CheckAsync("done");
            await wizard.ConfirmSavedAndContinueWithKeyboardAsync();

            await CheckAsync("signin");
            await new SignInPage(page).SignInAsync(values.AdminUserName, values.Password);
            var overview = new OverviewPage(page);
            await overview.WaitUntilLoadedAsync(Strings.Get("Overview.Heading", _culture));
            await overview.CreateTokenAsync("CI pipeline");
            await CheckAsync("overview");
        }

        /// <summary>The admin step with a weak password first: its strength advice and refusals must be translated too.</summary>
        private async Task CheckWeakPasswordThenFixAsync(SetupWizardPage wizard, SetupValues values)
        {
            await wizard.FillAsync("admin-password", "password1");
            await wizard.FillAsync("admin-password-confirm", "password2");
            await wizard.Field("admin-password-confirm").BlurAsync();
            await Expect(page.Locator(".mud-input-control:has([data-testid=admin-password-confirm]) .mud-input-helper-text.mud-input-error")).ToBeVisibleAsync();
            await page.Locator(SetupWizardPage.Button("wizard-next")).ClickAsync();
            await Expect(wizard.Problems).Not.ToBeEmptyAsync();
            await Expect(page.Locator("[data-testid=password-advice]")).ToBeVisibleAsync();
            await CheckAsync("admin, weak password refused");
            await wizard.FillAsync("admin-password", values.Password);
            await wizard.FillAsync("admin-password-confirm", values.Password);
            await CheckAsync("admin");
        }
    }
}
