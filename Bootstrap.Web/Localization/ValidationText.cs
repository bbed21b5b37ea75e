using System.Globalization;
using System.Text.RegularExpressions;
using Bootstrap.Domain.Security;
using FluentValidation.Results;
using Microsoft.Extensions.Localization;

namespace Bootstrap.Web.Localization;

/// <summary>
/// The shared validators speak English, as the API's wire does; the wizard shows their verdicts in the UI's
/// language by error code ("Validation.Required") and field path ("Field.Admin.UserName").
/// </summary>
public sealed partial class ValidationText(IStringLocalizer<Strings> text)
{
    /// <summary>The failure in the UI's language; its English message when no resource knows its code.</summary>
    public string Describe(ValidationFailure failure) =>
        Fill($"Validation.{failure.ErrorCode}", failure.ErrorMessage, name =>
            name == "PropertyName" ? FieldName(failure.PropertyName) : failure.FormattedMessagePlaceholderValues?.GetValueOrDefault(name));

    /// <summary>A password rule as the wizard and the change-password page list it.</summary>
    public string Describe(PasswordRuleResult rule, PasswordPolicy policy) =>
        Fill($"Validation.Password.{rule.Rule}", rule.Message, name => name switch
        {
            "MinLength" => policy.MinLength,
            "MaxLength" => policy.MaxLength,
            _ => null,
        });

    /// <summary>The label of the field at a request path ("Bucket.Name").</summary>
    public string FieldName(string path)
    {
        var name = text[$"Field.{path}"];
        return name.ResourceNotFound ? path : name.Value;
    }

    /// <summary>The resource <paramref name="key"/> with its <c>{Name}</c> placeholders filled in; <paramref name="english"/> without one.</summary>
    private string Fill(string key, string english, Func<string, object?> valueOf)
    {
        var template = text[key];
        return template.ResourceNotFound
            ? english
            : Placeholder().Replace(template.Value, match =>
                valueOf(match.Groups[1].Value) is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "" : match.Value);
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
