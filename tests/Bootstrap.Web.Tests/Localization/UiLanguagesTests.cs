using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Bootstrap.Web.Localization;

namespace Bootstrap.Web.Tests.Localization;

public sealed partial class UiLanguagesTests
{
    private static readonly UiLanguages Built = UiLanguages.Discover(AppContext.BaseDirectory);

    [Fact]
    public void UiLanguages_ShouldBeEnglishAndEveryTranslationBuiltBesideTheApp()
    {
        Assert.Equal(["en", "de", "es", "fr", "ja"], Built.All.Select(culture => culture.Name));
    }

    [Fact]
    public void UiLanguages_ShouldOfferALanguage_AsSoonAsItsResourceFileIsBuilt()
    {
        var folder = Directory.CreateTempSubdirectory("bootstrap-languages-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "ko"));
            File.WriteAllBytes(Path.Combine(folder, "ko", "Bootstrap.Web.resources.dll"), []);
            Directory.CreateDirectory(Path.Combine(folder, "it"));
            File.WriteAllBytes(Path.Combine(folder, "it", "MudBlazor.resources.dll"), []);
            Directory.CreateDirectory(Path.Combine(folder, "runtimes"));

            Assert.Equal(["en", "ko"], UiLanguages.Discover(folder).All.Select(culture => culture.Name));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("de-CH", "de")]
    [InlineData("DE", "de")]
    [InlineData("ja-JP", "ja")]
    [InlineData("zh-Hans-CN", null)]
    [InlineData("", null)]
    public void Match_ShouldFindTheLanguageOfARegionalTag(string tag, string? expected)
    {
        Assert.Equal(expected, Built.Match(tag)?.Name);
    }

    [Theory]
    [InlineData("fr-CA,fr;q=0.9,en;q=0.8", "fr")]
    [InlineData("ko-KR,ko;q=0.9,es;q=0.7,en;q=0.5", "es")]
    [InlineData("en;q=0.2, ja", "ja")]
    [InlineData("de;q=0", null)]
    [InlineData("ko", null)]
    [InlineData("not a header;;q=x", null)]
    public void FromAcceptLanguage_ShouldPickTheMostPreferredSupportedLanguage(string header, string? expected)
    {
        Assert.Equal(expected, Built.FromAcceptLanguage(header)?.Name);
    }

    [Fact]
    public void EveryLanguage_ShouldHaveEveryEnglishString_WithTheSamePlaceholders()
    {
        var english = Entries(CultureInfo.InvariantCulture);
        Assert.True(english.Count > 300, $"only {english.Count} English strings found");
        foreach (var culture in Built.All.Where(culture => culture.Name != UiLanguages.English))
        {
            var translated = Entries(culture);
            Assert.Empty(english.Keys.Except(translated.Keys).Select(key => $"{culture.Name}: missing {key}"));
            Assert.Empty(translated.Keys.Except(english.Keys).Select(key => $"{culture.Name}: unknown {key}"));
            Assert.Empty(english
                .Where(entry => !Placeholders(entry.Value).SequenceEqual(Placeholders(translated[entry.Key])))
                .Select(entry => $"{culture.Name}: {entry.Key} has {string.Join(' ', Placeholders(translated[entry.Key]))}, English {string.Join(' ', Placeholders(entry.Value))}"));
            Assert.Empty(translated.Where(entry => string.IsNullOrWhiteSpace(entry.Value) && !string.IsNullOrWhiteSpace(english[entry.Key]))
                .Select(entry => $"{culture.Name}: {entry.Key} is empty"));
        }
    }

    [Fact]
    public void EveryLanguage_ShouldNameItselfInItsOwnLanguage()
    {
        Assert.Equal(["English", "Deutsch", "Español", "Français", "日本語"], Built.All.Select(culture => Strings.Get("Language.Name", culture)));
    }

    /// <summary>The strings of one resource file only, without falling back to English.</summary>
    private static Dictionary<string, string> Entries(CultureInfo culture) =>
        Strings.ResourceManager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string)entry.Value!);

    private static IEnumerable<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(match => match.Value).Order(StringComparer.Ordinal);

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex PlaceholderPattern();
}
