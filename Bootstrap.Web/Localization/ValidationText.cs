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
    public string Describe(ValidationFailure failure)
    {
        var template = text[$"Validation.{failure.ErrorCode}"];
        if (template.ResourceNotFound)
        {
            return failure.ErrorMessage;
        }
        var values = failure.FormattedMessagePlaceholderValues ?? [];
        return Placeholder().Replace(template.Value, match => match.Groups[1].Value switch
        {
            "PropertyName" => FieldName(failure.PropertyName),
            var name when values.TryGetValue(name, out var value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
            _ => match.Value,
        });
    }

    /// <summary>A password rule as the wizard and the change-password page list it.</summary>
    public string Describe(PasswordRuleResult rule, PasswordPolicy policy)
    {
        var template = text[$"Validation.Password.{rule.Rule}"];
        return template.ResourceNotFound
            ? rule.Message
            : Placeholder().Replace(template.Value, match => match.Groups[1].Value switch
            {
                "MinLength" => policy.MinLength.ToString(CultureInfo.InvariantCulture),
                "MaxLength" => policy.MaxLength.ToString(CultureInfo.InvariantCulture),
                _ => match.Value,
            });
    }

    /// <summary>The label of the field at a request path ("Bucket.Name").</summary>
    public string FieldName(string path)
    {
        var name = text[$"Field.{path}"];
        return name.ResourceNotFound ? path : name.Value;
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
