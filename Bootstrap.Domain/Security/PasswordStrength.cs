using System.Diagnostics;
using Zxcvbn.Matcher;

namespace Bootstrap.Domain.Security;

/// <summary>One piece of zxcvbn's advice: a stable code (for a translation) and its English text.</summary>
public sealed record PasswordAdvice(string Code, string Text);

/// <summary>zxcvbn's estimate of a password: a score from 0 (guessed at once) to 4, its label and advice.</summary>
public sealed record PasswordEstimate(int Score, string Label, PasswordAdvice? Warning, IReadOnlyList<PasswordAdvice> Suggestions)
{
    public const int MaxScore = 4;

    private static readonly string[] Labels = ["Very weak", "Weak", "Fair", "Strong", "Very strong"];

    public static PasswordEstimate Empty { get; } = new(0, Labels[0], null, []);

    internal static string LabelOf(int score) => Labels[Math.Clamp(score, 0, MaxScore)];
}

/// <summary>
/// Estimates password strength with zxcvbn. Its dictionaries (about 90,000 words, some 20 MiB of memory) are
/// built on the first estimate rather than at start, and then once for the process: zxcvbn's static entry
/// point rebuilds them on every call.
/// </summary>
public static class PasswordStrength
{
    private static readonly Lazy<Zxcvbn.Zxcvbn> Estimator = new(() => new Zxcvbn.Zxcvbn());

    // The matchers were written for one caller at a time; a circuit's estimate takes milliseconds.
    private static readonly Lock EstimatorLock = new();

    /// <summary>How long the first estimate took, dictionaries included; null until then.</summary>
    public static TimeSpan? FirstEstimateDuration { get; private set; }

    /// <summary>The estimate for <paramref name="password"/>; <paramref name="userInputs"/> (user name, email) count as known words.</summary>
    public static PasswordEstimate Estimate(string? password, IEnumerable<string?> userInputs)
    {
        if (string.IsNullOrEmpty(password))
        {
            return PasswordEstimate.Empty;
        }
        var inputs = userInputs.Where(input => !string.IsNullOrWhiteSpace(input)).Select(input => input!.Trim()).ToList();
        Zxcvbn.Result result;
        lock (EstimatorLock)
        {
            var started = FirstEstimateDuration is null ? Stopwatch.GetTimestamp() : 0;
            result = Estimator.Value.EvaluatePassword(password, inputs);
            FirstEstimateDuration ??= Stopwatch.GetElapsedTime(started);
        }
        var (warning, suggestions) = Advise(result);
        return new PasswordEstimate(result.Score, PasswordEstimate.LabelOf(result.Score), warning, suggestions);
    }

    /// <summary>
    /// zxcvbn-core 1.1.17 predates zxcvbn's feedback module; this follows that module's wording, from the
    /// longest part of the password that zxcvbn recognised.
    /// </summary>
    private static (PasswordAdvice? Warning, IReadOnlyList<PasswordAdvice> Suggestions) Advise(Zxcvbn.Result result)
    {
        if (result.Score >= 3)
        {
            return (null, []);
        }
        var suggestions = new List<PasswordAdvice> { new("AddWords", "Add another word or two. Uncommon words are better.") };
        var longest = result.MatchSequence.Where(match => match.Pattern != "bruteforce").MaxBy(match => match.Token.Length);
        PasswordAdvice? warning = longest switch
        {
            DictionaryMatch { DictionaryName: "passwords" } common => common.Rank <= 100
                ? new("TopHundred", "This is a top-100 common password.")
                : new("Common", "This is similar to a commonly used password."),
            DictionaryMatch { DictionaryName: "user_inputs" } => new("UserInputs", "Your user name or email is easy to guess."),
            DictionaryMatch { DictionaryName: "english" } when longest.Token.Length == result.Password.Length => new("Word", "A word by itself is easy to guess."),
            DictionaryMatch { DictionaryName: "surnames" or "male_names" or "female_names" } => new("Names", "Names and surnames are easy to guess."),
            SpatialMatch => new("Spatial", "Straight rows or short patterns of keys are easy to guess."),
            RepeatMatch => new("Repeat", "Repeats like \"aaa\" or \"abcabc\" are easy to guess."),
            SequenceMatch => new("Sequence", "Sequences like abc or 6543 are easy to guess."),
            DateMatch => new("Date", "Dates are often easy to guess."),
            { Pattern: "year" } => new("Year", "Recent years are easy to guess."),
            _ => null,
        };
        if (longest is L33tDictionaryMatch)
        {
            suggestions.Add(new("Substitutions", "Predictable substitutions like '@' instead of 'a' don't help very much."));
        }
        if (longest is SpatialMatch)
        {
            suggestions.Add(new("LongerPattern", "Use a longer keyboard pattern with more turns."));
        }
        if (longest is SequenceMatch or RepeatMatch or DateMatch || longest?.Pattern == "year")
        {
            suggestions.Add(new("AvoidSequences", "Avoid sequences, repeats, dates and years."));
        }
        return (warning, suggestions);
    }
}
