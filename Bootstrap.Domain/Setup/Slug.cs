using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Bootstrap.Domain.Setup;

public static class Slug
{
    /// <summary>
    /// Latin letters with diacritics (and ligatures) spelled in ASCII. A table rather than Unicode
    /// decomposition: the host runs in globalization-invariant mode (no ICU, see bench/README.md),
    /// where string normalization is a no-op.
    /// </summary>
    private static readonly FrozenDictionary<char, string> AsciiSpelling = new (string Ascii, string Letters)[]
    {
        ("a", "àáâãäåāăąǎǟǡǻȁȃȧ"), ("ae", "æǣǽ"), ("c", "çćĉċč"), ("d", "ðďđ"), ("e", "èéêëēĕėęěȅȇȩ"),
        ("f", "ƒ"), ("g", "ĝğġģǧǵ"), ("h", "ĥħȟ"), ("i", "ìíîïĩīĭįıǐȉȋ"), ("ij", "ĳ"), ("j", "ĵǰ"),
        ("k", "ķĸǩ"), ("l", "ĺļľŀł"), ("n", "ñńņňŋǹ"), ("o", "òóôõöøōŏőơǒǫǭȍȏȫȭȯȱǿ"), ("oe", "œ"),
        ("r", "ŕŗřȑȓ"), ("s", "śŝşšſș"), ("ss", "ß"), ("t", "ţťŧț"), ("th", "þ"),
        ("u", "ùúûüũūŭůűųưǔǖǘǚǜȕȗ"), ("w", "ŵ"), ("y", "ýÿŷȳ"), ("z", "źżž"),
    }.SelectMany(group => group.Letters.Select(letter => KeyValuePair.Create(letter, group.Ascii))).ToFrozenDictionary();

    /// <summary>As long as a name may be: spelling a letter in ASCII can make the slug longer than its name ("æ" is "ae").</summary>
    public const int MaxLength = Validation.TextRules.NameMaxLength;

    /// <summary>Lower-case ASCII letters and digits joined by single dashes, as Infisical derives org slugs.</summary>
    public static string From(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (AsciiSpelling.TryGetValue(c, out var ascii))
            {
                builder.Append(ascii);
            }
            else if (builder.Length > 0 && builder[^1] != '-' && char.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append('-');
            }
        }
        var slug = builder.ToString(0, Math.Min(builder.Length, MaxLength)).Trim('-');
        return slug.Length == 0 ? "org" : slug;
    }
}
