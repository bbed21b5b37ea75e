using System.Collections.Frozen;

namespace Bootstrap.Domain.Security;

/// <summary>
/// The 30,000 commonest passwords of the leaked sets zxcvbn ships (its <c>passwords</c> list, all lower case).
/// Read on first use, not at start: the list costs about 12 MiB of RSS that most processes never need.
/// </summary>
public static class CommonPasswords
{
    private const string ResourceName = "zxcvbn-core.Dictionaries.passwords.lst";

    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    /// <summary>Whether the whole password, ignoring case, is on the list.</summary>
    public static bool Contains(string password) => List.Value.Contains(password.ToLowerInvariant());

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(Zxcvbn.Zxcvbn).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"zxcvbn-core no longer embeds {ResourceName}.");
        using var reader = new StreamReader(stream);
        var words = new List<string>(30_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                words.Add(line.Trim());
            }
        }
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
