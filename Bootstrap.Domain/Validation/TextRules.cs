using FluentValidation;

namespace Bootstrap.Domain.Validation;

public static class TextRules
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 254;

    /// <summary>Rejects control characters and unpaired UTF-16 surrogates, which no name or secret legitimately holds.</summary>
    public static bool IsPrintable(string? value) =>
        value is null || (!value.Any(char.IsControl) && IsWellFormedUtf16(value));

    public static IRuleBuilderOptions<T, string?> Printable<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsPrintable).WithMessage("{PropertyName} must not contain control characters.");

    public static IRuleBuilderOptions<T, string?> Required<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => !string.IsNullOrWhiteSpace(value)).WithMessage("{PropertyName} is required.");

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
