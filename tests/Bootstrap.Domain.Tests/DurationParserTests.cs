using Bootstrap.Domain.Time;

namespace Bootstrap.Domain.Tests;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("infinite", 0L)]
    [InlineData("INFINITE", 0L)]
    [InlineData("forever", 0L)]
    [InlineData("0s", 0L)]
    [InlineData("3600", 3600L)]
    [InlineData("1h", 3600L)]
    [InlineData("1h30m", 5400L)]
    [InlineData("30m1h", 5400L)]
    [InlineData("90m", 5400L)]
    [InlineData("1.5h", 5400L)]
    [InlineData("7d", 604_800L)]
    [InlineData("2w", 1_209_600L)]
    [InlineData("1d12h", 129_600L)]
    [InlineData("1w2d3h4m5s", 788_645L)]
    [InlineData("168h", 604_800L)]
    [InlineData("3600000ms", 3600L)]
    [InlineData("3600000000us", 3600L)]
    [InlineData("3600000000\u00b5s", 3600L)]
    [InlineData("3600000000\u03bcs", 3600L)]
    [InlineData("3600000000000ns", 3600L)]
    [InlineData("1h500ms500ms", 3601L)]
    [InlineData("  30d\n", 2_592_000L)]
    [InlineData("9223372036854775807s", long.MaxValue)]
    public void TryParseSeconds_ShouldReadInfluxStyleDurationsAsWholeSeconds(string text, long expected)
    {
        Assert.True(DurationParser.TryParseSeconds(text, out var seconds, out var error), error);

        Assert.Equal(expected, seconds);
    }

    [Theory]
    [InlineData(null, "a duration is required")]
    [InlineData("", "a duration is required")]
    [InlineData("   ", "a duration is required")]
    [InlineData("-1h", "'-1h' is not a duration: it must not be negative")]
    [InlineData("-0", "'-0' is not a duration: it must not be negative")]
    [InlineData("1h 30m", "'1h 30m' is not a duration: no spaces inside a duration")]
    [InlineData("5x", "'5x' is not a duration: unknown unit 'x' (use ns, us, ms, s, m, h, d or w)")]
    [InlineData("1H", "'1H' is not a duration: unknown unit 'H'")]
    [InlineData("1y", "'1y' is not a duration: unknown unit 'y'")]
    [InlineData("1h30", "'1h30' is not a duration: '30' has no unit (use ns, us, ms, s, m, h, d or w)")]
    [InlineData("1h+30m", "'1h+30m' is not a duration: expected a number at '+30m'")]
    [InlineData("+1h", "'+1h' is not a duration: expected a number at '+1h'")]
    [InlineData("h", "'h' is not a duration: expected a number at 'h'")]
    [InlineData("a week", "'a week' is not a duration: no spaces")]
    [InlineData("abc", "'abc' is not a duration: expected a number at 'abc'")]
    [InlineData("1.h", "'1.h' is not a duration: '1.' is not a number")]
    [InlineData(".5h", "'.5h' is not a duration: '.5' is not a number")]
    [InlineData("1.2.3h", "'1.2.3h' is not a duration: '1.2.3' is not a number")]
    [InlineData("1,5h", "'1,5h' is not a duration: unexpected ',' after '1'")]
    [InlineData("1500ms", "'1500ms' is not a whole number of seconds")]
    [InlineData("0.5s", "'0.5s' is not a whole number of seconds")]
    [InlineData("0.5ns", "'0.5ns' is not a whole number of seconds")]
    [InlineData("99999999999999999d", "'99999999999999999d' is too long: the longest duration is 9223372036854775807 seconds")]
    [InlineData("9223372036854775808", "'9223372036854775808' is too long")]
    [InlineData("9223372036854775808s", "'9223372036854775808s' is too long")]
    [InlineData("99999999999999999999999999999999999999999w", "is too long")]
    public void TryParseSeconds_ShouldRefuseWithAMessageSayingWhy(string? text, string expectedMessage)
    {
        var parsed = DurationParser.TryParseSeconds(text, out var seconds, out var error);

        Assert.False(parsed);
        Assert.Equal(0, seconds);
        Assert.Contains(expectedMessage, error, StringComparison.Ordinal);
    }
}
