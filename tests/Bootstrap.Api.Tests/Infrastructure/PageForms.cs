using System.Text.RegularExpressions;

namespace Bootstrap.Api.Tests.Infrastructure;

/// <summary>Posting a page's form as a browser does: with the antiforgery token the page carries.</summary>
public static partial class PageForms
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    /// <summary>Loads <paramref name="page"/> (which also sets the antiforgery cookie) and returns its form's token.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient browser, string page) =>
        AntiforgeryInput().Match(await browser.GetStringAsync(page)).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
