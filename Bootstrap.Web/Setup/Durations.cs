using System.Globalization;

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

    /// <summary>"7 days", "1 day 6 hours", "Forever"; at most the two largest units.</summary>
    public static string Describe(long seconds)
    {
        if (seconds == 0)
        {
            return "Forever";
        }
        if (seconds < 0)
        {
            return "Invalid duration";
        }

        var parts = new List<string>();
        var rest = seconds;
        foreach (var (size, unit) in new[] { (Year, "year"), (Day, "day"), (Hour, "hour"), (60L, "minute"), (1L, "second") })
        {
            var count = rest / size;
            if (count > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? "" : "s")}"));
                rest -= count * size;
            }
        }
        return string.Join(" ", parts.Take(2));
    }

    public static string DescribeRetention(long seconds) =>
        seconds == 0 ? "Forever (data is never deleted)" : Describe(seconds);

    public static string DescribePatLifetime(int? days) =>
        days is null ? "never expires" : $"expires after {Describe(days.Value * Day)}";
}
