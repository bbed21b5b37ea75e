using System.Globalization;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Bootstrap.Web.Localization;

/// <summary>
/// The languages the UI speaks: English, and every language whose <c>Strings.&lt;language&gt;.resx</c> was built
/// into a satellite assembly beside this one, so adding a language is adding that one file.
/// </summary>
/// <remarks>
/// The process runs in invariant globalization mode: a culture only names a language here, it formats
/// nothing, and its <see cref="CultureInfo.Parent"/> is the invariant culture rather than the language of a
/// regional tag. So a browser's "de-CH" is matched to "de" here, by its primary subtag, and not by ASP.NET
/// Core's parent-culture fallback.
/// </remarks>
public sealed class UiLanguages
{
    public const string English = "en";

    private readonly Dictionary<string, CultureInfo> _byName;

    public UiLanguages(IEnumerable<string> names)
    {
        _byName = names.Prepend(English)
            .Select(name => name.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(name => name, name => new CultureInfo(name), StringComparer.OrdinalIgnoreCase);
        All = [.. _byName.Values.OrderBy(culture => culture.Name == English ? 0 : 1).ThenBy(culture => culture.Name, StringComparer.Ordinal)];
    }

    public static CultureInfo Default { get; } = new(English);

    /// <summary>English first, then the others by tag.</summary>
    public IReadOnlyList<CultureInfo> All { get; }

    /// <summary>The languages with a satellite assembly of this one in <paramref name="directory"/>.</summary>
    public static UiLanguages Discover(string directory)
    {
        var satellite = $"{typeof(Strings).Assembly.GetName().Name}.resources.dll";
        var names = Directory.Exists(directory)
            ? Directory.EnumerateDirectories(directory)
                .Where(folder => File.Exists(Path.Combine(folder, satellite)))
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(IsLanguageTag)
            : [];
        return new UiLanguages(names);
    }

    /// <summary>The supported language a tag ("de-CH", "ja", "EN-us") names, by its primary subtag.</summary>
    public CultureInfo? Match(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }
        var primary = tag.Trim().Split('-', '_')[0];
        return _byName.GetValueOrDefault(primary);
    }

    /// <summary>The browser's most preferred supported language in an Accept-Language header, if any.</summary>
    public CultureInfo? FromAcceptLanguage(StringValues header)
    {
        if (!StringWithQualityHeaderValue.TryParseList(header, out var languages))
        {
            return null;
        }
        return languages
            .Where(language => (language.Quality ?? 1) > 0)
            .OrderByDescending(language => language.Quality ?? 1)
            .Select(language => Match(language.Value.Value))
            .FirstOrDefault(culture => culture is not null);
    }

    private static bool IsLanguageTag(string name) =>
        name.Length is >= 2 and <= 35 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && char.IsAsciiLetter(name[0]);
}
