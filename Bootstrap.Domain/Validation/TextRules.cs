using System.Buffers;
using FluentValidation;

namespace Bootstrap.Domain.Validation;

public static class TextRules
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 254;

    /// <summary>
    /// Characters that are invisible or reorder the text around them: the bidi embeddings, overrides
    /// and isolates (U+202A–U+202E, U+2066–U+2069), the directional marks (U+200E, U+200F, U+061C),
    /// the zero-width space, non-joiner, joiner and word joiner (U+200B–U+200D, U+2060) and the BOM
    /// (U+FEFF). In a name they make one string display as another ("admin" vs "adm\u200Bin",
    /// "txt.exe" shown as "exe.txt").
    /// </summary>
    private static readonly SearchValues<char> Disguising = SearchValues.Create(
        "\u061C\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2060\u2066\u2067\u2068\u2069\uFEFF");

    /// <summary>Rejects control characters and unpaired UTF-16 surrogates, which no name or secret legitimately holds.</summary>
    public static bool IsPrintable(string? value) =>
        value is null || (!value.Any(char.IsControl) && IsWellFormedUtf16(value));

    /// <summary>
    /// <see cref="IsPrintable"/>, and free of invisible or direction-changing characters: what every
    /// name, description and email must be so that it displays as what it is. Secrets are exempt.
    /// </summary>
    public static bool IsPlainText(string? value) =>
        value is null || (IsPrintable(value) && value.AsSpan().IndexOfAny(Disguising) < 0);

    public static IRuleBuilderOptions<T, string?> Printable<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsPrintable).WithMessage("{PropertyName} must not contain control characters.").WithErrorCode("Printable");

    public static IRuleBuilderOptions<T, string?> PlainText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsPlainText).WithMessage("{PropertyName} must not contain control, invisible or text-direction characters.").WithErrorCode("PlainText");

    public static IRuleBuilderOptions<T, string?> Required<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => !string.IsNullOrWhiteSpace(value)).WithMessage("{PropertyName} is required.").WithErrorCode("Required");

    /// <summary>FluentValidation's MaximumLength, under an error code of its own like every rule here.</summary>
    public static IRuleBuilderOptions<T, string?> NotLongerThan<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.MaximumLength(maxLength).WithErrorCode("TooLong");

    private static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }
        return true;
    }
}
