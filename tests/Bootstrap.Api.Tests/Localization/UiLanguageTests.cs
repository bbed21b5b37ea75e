using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Web.Localization;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bootstrap.Api.Tests.Localization;

/// <summary>
/// The pages speak the browser's language, or the one chosen with the switcher; the API's messages stay the
/// English of the systems it copies whatever the client asks for.
/// </summary>
public sealed partial class UiLanguageTests : IAsyncLifetime
{
    private BootstrapApiFactory _app = default!;

    public async Task InitializeAsync()
    {
        _app = await BootstrapApiFactory.OnAsync(DatabaseProvider.Sqlite, SessionCookies.PagesCallTheTestServer, SessionCookies.PageSettings);
        await _app.CompleteFirstRunAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("de-DE,de;q=0.9,en;q=0.8", "de")]
    [InlineData("fr-CA", "fr")]
    [InlineData("es-419,es;q=0.9", "es")]
    [InlineData("ja", "ja")]
    [InlineData("pt-BR,pt;q=0.9,ja;q=0.5", "ja")]
    [InlineData("ko-KR", "en")]
    [InlineData("de;q=0, fr;q=0.5", "fr")]
    [InlineData("", "en")]
    public async Task SignInPage_ShouldSpeakTheBrowsersFirstSupportedLanguage_AndSayWhichInHtmlLang(string acceptLanguage, string expected)
    {
        var browser = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signin");
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        var response = await browser.SendAsync(request);
        // Razor encodes every character outside ASCII ("ログイン" as "&#x30ED;…").
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, HtmlLang().Match(page).Groups[1].Value);
        Assert.Equal([expected], response.Content.Headers.ContentLanguage);
        Assert.Contains($">{Strings.Get("SignIn.Heading", new CultureInfo(expected))}</h1>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LanguageSwitcher_ShouldRememberTheChoiceOverTheBrowsersLanguage_AndReturnToThePage()
    {
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", "de-DE");
        var antiforgery = await browser.AntiforgeryTokenAsync("/signin");

        var switched = await browser.PostAsync("/language", Form(antiforgery, "ja", "/signin?ReturnUrl=%2F"));
        var cookie = Assert.Single(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/signin"));

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/signin?ReturnUrl=%2F", switched.Headers.Location?.OriginalString);
        Assert.Contains("max-age=31536000", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("ja", HtmlLang().Match(page).Groups[1].Value);
        Assert.Contains(Strings.Get("SignIn.Heading", new CultureInfo("ja")), page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/setup", "/setup")]
    public async Task LanguageSwitcher_ShouldOnlyReturnToAPageOfThisSite(string returnUrl, string expected)
    {
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var antiforgery = await browser.AntiforgeryTokenAsync("/signin");

        var switched = await browser.PostAsync("/language", Form(antiforgery, "fr", returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal(expected, switched.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task LanguageSwitcher_ShouldRefuseAPostFromAnotherSite_AndAnUnknownLanguage()
    {
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var antiforgery = await browser.AntiforgeryTokenAsync("/signin");

        var forged = await _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .PostAsync("/language", Form(null, "de", "/"));
        var unknown = await browser.PostAsync("/language", Form(antiforgery, "xx-evil", "/"));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(forged.Headers.Contains("Set-Cookie") && forged.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        Assert.DoesNotContain(unknown.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApiMessages_ShouldStayEnglish_WhateverLanguageTheClientAsksFor()
    {
        var german = _app.CreateClient();
        german.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", "de-DE,de;q=0.9");
        german.DefaultRequestHeaders.TryAddWithoutValidation("Cookie", ".AspNetCore.Culture=c%3Dja%7Cuic%3Dja");

        var asked = await german.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding());
        var plain = await _app.CreateClient().PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding());

        Assert.Equal(plain.StatusCode, asked.StatusCode);
        Assert.Equal(await plain.Content.ReadAsStringAsync(), await asked.Content.ReadAsStringAsync());
        Assert.Contains("has already been completed", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(asked.Content.Headers.Contains("Content-Language"));
    }

    private static FormUrlEncodedContent Form(string? antiforgery, string language, string returnUrl)
    {
        var fields = new Dictionary<string, string> { ["Language"] = language, ["ReturnUrl"] = returnUrl };
        if (antiforgery is not null)
        {
            fields[PageForms.AntiforgeryField] = antiforgery;
        }
        return new FormUrlEncodedContent(fields);
    }

    [GeneratedRegex("<html lang=\"([^\"]*)\"")]
    private static partial Regex HtmlLang();
}
