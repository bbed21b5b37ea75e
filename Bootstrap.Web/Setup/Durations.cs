using System.Globalization;
using Bootstrap.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Bootstrap.Web.Setup;

/// <summary>Retention and expiry choices offered by the wizard, and how durations read to a person.</summary>
public static class Durations
{
    public const long Hour = 3600;
    public const long Day = 24 * Hour;
    public const long Week = 7 * Day;
    public const long Year = 365 * Day;

    /// <summary>The retention presets; 0 keeps data forever.</summary>
    public static readonly IReadOnlyList<long> RetentionPresets = [Hour, Day, Week, 30 * Day, Year, 0];

    /// <summary>PAT lifetimes in days; null never expires.</summary>
    public static readonly IReadOnlyList<int?> PatLifetimes = [null, 30, 90, 365];

    /// <summary>"7 days", "1 day 6 hours", "Forever"; at most the two largest units, in the UI's language.</summary>
    public static string Describe(IStringLocalizer<Strings> text, long seconds)
    {
        if (seconds == 0)
        {
            return text["Duration.Forever"];
        }
        if (seconds < 0)
        {
            return text["Duration.Invalid"];
        }

        var parts = new List<string>();
        var rest = seconds;
        foreach (var (size, unit) in new[] { (Year, "Year"), (Day, "Day"), (Hour, "Hour"), (60L, "Minute"), (1L, "Second") })
        {
            var count = rest / size;
            if (count > 0)
            {
                parts.Add(text[$"Duration.{unit}.{(count == 1 ? "One" : "Other")}", count.ToString(CultureInfo.InvariantCulture)]);
                rest -= count * size;
            }
        }
        return string.Join(text["Duration.Separator"], parts.Take(2));
    }

    public static string DescribeRetention(IStringLocalizer<Strings> text, long seconds) =>
        seconds == 0 ? text["Duration.KeptForever"] : Describe(text, seconds);

    public static string DescribePatLifetime(IStringLocalizer<Strings> text, int? days) =>
        days is null ? text["Duration.PatNeverExpires"] : text["Duration.PatExpiresAfter", Describe(text, days.Value * Day)];
}
