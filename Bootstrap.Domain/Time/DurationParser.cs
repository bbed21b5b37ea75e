using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace Bootstrap.Domain.Time;

/// <summary>
/// Reads a duration the way <c>influx setup --retention</c> does — a number and a unit, compounded
/// (<c>1h30m</c>, <c>7d</c>, <c>2w</c>, <c>1.5h</c>) — into whole seconds, where 0 means no expiry.
/// Every door that takes a retention as text (the CLI, the FirstRun section, the wizard's custom field)
/// uses this one grammar and its messages. See docs/operations.md, "Durations".
/// </summary>
public static class DurationParser
{
    private const string UnitList = "ns, us, ms, s, m, h, d or w";
    private static readonly BigInteger NanosecondsPerSecond = 1_000_000_000;

    private static readonly Dictionary<string, BigInteger> NanosecondsPerUnit = new(StringComparer.Ordinal)
    {
        ["ns"] = 1,
        ["us"] = 1_000,
        ["\u00b5s"] = 1_000, // micro sign, as Go's time.ParseDuration accepts
        ["\u03bcs"] = 1_000, // Greek small mu
        ["ms"] = 1_000_000,
        ["s"] = NanosecondsPerSecond,
        ["m"] = 60 * NanosecondsPerSecond,
        ["h"] = 3_600 * NanosecondsPerSecond,
        ["d"] = 86_400 * NanosecondsPerSecond,
        ["w"] = 604_800 * NanosecondsPerSecond,
    };

    /// <summary>
    /// Whole seconds for <paramref name="text"/> (0 = no expiry), or a message that quotes the text and says
    /// what is wrong with it. Never throws: a value too large for the model is an error like any other.
    /// </summary>
    public static bool TryParseSeconds(string? text, out long seconds, [NotNullWhen(false)] out string? error)
    {
        seconds = 0;
        // Values from environment variables and files often carry a stray space or newline.
        var trimmed = text?.Trim() ?? "";
        error = Read(trimmed, out var nanoseconds);
        if (error is not null)
        {
            return false;
        }

        var wholeSeconds = BigInteger.DivRem(nanoseconds, NanosecondsPerSecond, out var rest);
        if (!rest.IsZero)
        {
            // What `influx setup` does too ("too precise, must be divisible by 1s"): rounding could turn
            // 500ms into 0, which means "keep forever".
            error = NotWholeSeconds(trimmed);
            return false;
        }
        if (wholeSeconds > long.MaxValue)
        {
            error = string.Create(CultureInfo.InvariantCulture,
                $"'{trimmed}' is too long: the longest duration is {long.MaxValue} seconds (about 292 billion years)");
            return false;
        }
        seconds = (long)wholeSeconds;
        return true;
    }

    private static string? Read(string text, out BigInteger nanoseconds)
    {
        nanoseconds = BigInteger.Zero;
        if (text.Length == 0)
        {
            return "a duration is required (e.g. 30d or 1h30m; 0 or infinite for no expiry)";
        }
        if (text.Equals("infinite", StringComparison.OrdinalIgnoreCase) || text.Equals("forever", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (text[0] == '-')
        {
            return NotADuration(text, "it must not be negative");
        }
        if (text.Any(char.IsWhiteSpace))
        {
            return NotADuration(text, "no spaces inside a duration (write 1h30m)");
        }
        // A bare number is seconds: the native API's retentionSeconds and FirstRun:RetentionSeconds always took one.
        if (text.All(char.IsAsciiDigit))
        {
            nanoseconds = BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) * NanosecondsPerSecond;
            return null;
        }

        var position = 0;
        while (position < text.Length)
        {
            var numberStart = position;
            while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] == '.'))
            {
                position++;
            }
            var number = text[numberStart..position];
            if (number.Length == 0)
            {
                return NotADuration(text, $"expected a number at '{text[numberStart..]}' (e.g. 30d or 1h30m)");
            }
            if (!TryReadDecimal(number, out var digits, out var scale))
            {
                return NotADuration(text, $"'{number}' is not a number");
            }

            var unitStart = position;
            while (position < text.Length && char.IsLetter(text[position]))
            {
                position++;
            }
            var unit = text[unitStart..position];
            if (unit.Length == 0)
            {
                return NotADuration(text, position < text.Length
                    ? $"unexpected '{text[position]}' after '{number}'"
                    : $"'{number}' has no unit (use {UnitList})");
            }
            if (!NanosecondsPerUnit.TryGetValue(unit, out var unitSize))
            {
                return NotADuration(text, $"unknown unit '{unit}' (use {UnitList})");
            }

            var part = BigInteger.DivRem(digits * unitSize, scale, out var fractionOfANanosecond);
            if (!fractionOfANanosecond.IsZero)
            {
                return NotWholeSeconds(text);
            }
            nanoseconds += part;
        }
        return null;
    }

    /// <summary>"1.25" as 125 and 100, so that the value is exactly <paramref name="digits"/> / <paramref name="scale"/>.</summary>
    private static bool TryReadDecimal(string number, out BigInteger digits, out BigInteger scale)
    {
        digits = BigInteger.Zero;
        scale = BigInteger.One;
        var point = number.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? number : number[..point];
        var fraction = point < 0 ? "" : number[(point + 1)..];
        if (whole.Length == 0 || (point >= 0 && fraction.Length == 0) || fraction.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }
        digits = BigInteger.Parse(whole + fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        scale = BigInteger.Pow(10, fraction.Length);
        return true;
    }

    private static string NotADuration(string text, string reason) => $"'{text}' is not a duration: {reason}";

    private static string NotWholeSeconds(string text) => $"'{text}' is not a whole number of seconds (retention is kept in seconds)";
}
