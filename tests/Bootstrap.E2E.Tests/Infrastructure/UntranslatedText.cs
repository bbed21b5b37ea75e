using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using Bootstrap.Web.Localization;
using Microsoft.Playwright;

namespace Bootstrap.E2E.Tests.Infrastructure;

/// <summary>
/// English left on a page shown in another language: any English resource string (or the literal part of
/// one around its placeholders) that is visible on the page, where that language's own string differs.
/// Commands and secrets (<c>code</c>, <c>pre</c>) and stored data (names, descriptions: marked
/// <c>translate="no"</c>, which also keeps browser translators off them) are not UI text and are left out.
/// </summary>
public sealed partial class UntranslatedText(CultureInfo culture)
{
    private static readonly Dictionary<string, string> English = Entries(CultureInfo.InvariantCulture);

    private readonly string[] _translations = [.. Entries(culture).Values];

    private readonly List<string> _fragments = Entries(culture) is var translated
        ? [.. English
            .Where(entry => translated.TryGetValue(entry.Key, out var own) && own != entry.Value)
            .SelectMany(entry => Placeholder().Split(entry.Value))
            .Select(fragment => fragment.Trim(' ', ',', '.', ':', ';', '(', ')', '"', '\'', '—', '·'))
            .Where(fragment => Word().IsMatch(fragment))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(fragment => fragment.Length)]
        : [];

    /// <summary>
    /// The page's title, every text node a reader meets (screen-reader-only text included) and every
    /// accessible name given as aria-label, one per line; commands and secrets left out.
    /// </summary>
    public static Task<string> VisibleTextAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
            const prose = e => e && !e.closest('code, pre, script, style, template, [translate=no]') && e.checkVisibility({ visibilityProperty: true });
            const parts = [document.title];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                if (node.textContent.trim() && prose(node.parentElement)) parts.push(node.textContent.trim());
            }
            document.body.querySelectorAll('[aria-label]').forEach(e => { if (prose(e)) parts.push(e.getAttribute('aria-label')); });
            return parts.join('\n');
        }
        """);

    /// <summary>The English fragments on the page, longest first, each with the line it is in; empty when all is translated.</summary>
    /// <param name="storedData">Names and descriptions the walk created, which accessible names quote ("Revoke token CI pipeline").</param>
    public async Task<IReadOnlyList<string>> FindAsync(IPage page, IEnumerable<string> storedData)
    {
        var text = storedData.OrderByDescending(data => data.Length).Aggregate(await VisibleTextAsync(page), (rest, data) => rest.Replace(data, "\n", StringComparison.Ordinal));
        var lines = text.Split('\n');
        return [.. _fragments
            .Where(fragment => !_translations.Any(own => AsWords(own, fragment)))
            .SelectMany(fragment => lines.Where(line => AsWords(line, fragment)).Select(line => $"\"{fragment}\" in \"{line}\""))];
    }

    /// <summary>Found as whole words: "Buckets" is not English inside "Daten-Buckets".</summary>
    private static bool AsWords(string text, string fragment) =>
        Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}_-]){Regex.Escape(fragment)}(?![\p{{L}}\p{{N}}_-])");

    private static Dictionary<string, string> Entries(CultureInfo language) =>
        Strings.ResourceManager.GetResourceSet(language, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string)entry.Value!);

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Placeholder();

    /// <summary>A word of three letters or more: "of" or "—" alone say nothing about the language.</summary>
    [GeneratedRegex(@"\p{L}{3,}")]
    private static partial Regex Word();
}
