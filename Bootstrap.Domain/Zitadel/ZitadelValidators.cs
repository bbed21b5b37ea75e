using System.Text.RegularExpressions;
using Bootstrap.Domain.Security;
using Bootstrap.Domain.Validation;
using FluentValidation;

namespace Bootstrap.Domain.Zitadel;

// Error codes become the ErrorDetail ids of Zitadel's error body; messages name the violated rule.

public sealed partial class CreateInstanceRequestValidator : AbstractValidator<CreateInstanceRequest>
{
    public CreateInstanceRequestValidator(TimeProvider clock)
    {
        RuleFor(x => x.InstanceName)
            .Must(name => !string.IsNullOrWhiteSpace(name) && name.Trim().Length <= TextRules.NameMaxLength && TextRules.IsPlainText(name))
            .WithMessage("instance name must be between 1 and 200 characters").WithErrorCode("INST-name");
        RuleFor(x => x.FirstOrgName)
            .Must(name => name is null || (name.Trim().Length <= TextRules.NameMaxLength && TextRules.IsPlainText(name)))
            .WithMessage("first organization name must be at most 200 characters").WithErrorCode("INST-org-name");
        RuleFor(x => x.CustomDomain)
            .Must(IsDomainNameOrEmpty)
            .WithMessage("custom domain is not a valid domain name").WithErrorCode("INST-domain");
        RuleFor(x => x.DefaultLanguage)
            .Must(IsLanguageTagOrEmpty)
            .WithMessage("default language is not a valid language tag").WithErrorCode("INST-language");
        RuleFor(x => x)
            .Must(x => x.Human is not null || x.Machine is not null)
            .OverridePropertyName("owner")
            .WithMessage("an owner is required: a human or a machine").WithErrorCode("INST-owner");
        RuleFor(x => x.Human!).SetValidator(new ZitadelHumanValidator());
        RuleFor(x => x.Machine!).SetValidator(new ZitadelMachineValidator(clock));
    }

    [GeneratedRegex(@"^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$")]
    private static partial Regex DomainName();

    internal static bool IsDomainNameOrEmpty(string? domain) =>
        string.IsNullOrWhiteSpace(domain) || DomainName().IsMatch(domain.Trim());

    internal static bool IsLanguageTagOrEmpty(string? language) =>
        string.IsNullOrWhiteSpace(language) || LanguageTag().IsMatch(language.Trim());

    [GeneratedRegex("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}$")]
    private static partial Regex LanguageTag();
}

public sealed class ZitadelHumanValidator : AbstractValidator<ZitadelHuman>
{
    public ZitadelHumanValidator()
    {
        RuleFor(x => x.UserName).Cascade(CascadeMode.Stop)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("user name is empty").WithErrorCode("USER-name")
            .Must(name => name!.Trim().Length <= TextRules.NameMaxLength && TextRules.IsPlainText(name) && !name.Trim().Any(char.IsWhiteSpace))
            .WithMessage("user name is invalid").WithErrorCode("USER-name");
        RuleFor(x => x.Email).NotNull().WithMessage("email is empty").WithErrorCode("USER-email");
        RuleFor(x => x.Email!.Email).Cascade(CascadeMode.Stop)
            .Must(email => !string.IsNullOrWhiteSpace(email) && email.Length <= TextRules.EmailMaxLength && TextRules.IsPlainText(email))
            .WithMessage("email is invalid").WithErrorCode("USER-email")
            .EmailAddress().WithMessage("email is invalid").WithErrorCode("USER-email")
            .When(x => x.Email is not null);
        RuleFor(x => x.Profile).NotNull().WithMessage("profile is empty").WithErrorCode("USER-profile");
        RuleFor(x => x.Profile!.FirstName).Cascade(CascadeMode.Stop)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("first name is empty").WithErrorCode("USER-first-name")
            .Must(IsNameText).WithMessage("first name is invalid").WithErrorCode("USER-first-name")
            .When(x => x.Profile is not null);
        RuleFor(x => x.Profile!.LastName).Cascade(CascadeMode.Stop)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("last name is empty").WithErrorCode("USER-last-name")
            .Must(IsNameText).WithMessage("last name is invalid").WithErrorCode("USER-last-name")
            .When(x => x.Profile is not null);
        RuleFor(x => x.Profile!.NickName).Must(IsOptionalNameText)
            .WithMessage("nick name is invalid").WithErrorCode("USER-nick-name").When(x => x.Profile is not null);
        RuleFor(x => x.Profile!.DisplayName).Must(IsOptionalNameText)
            .WithMessage("display name is invalid").WithErrorCode("USER-display-name").When(x => x.Profile is not null);
        RuleFor(x => x.Profile!.Gender).Must(ZitadelGender.IsValidOrEmpty)
            .WithMessage("gender must be GENDER_UNSPECIFIED, GENDER_FEMALE, GENDER_MALE or GENDER_DIVERSE").WithErrorCode("USER-gender")
            .When(x => x.Profile is not null);
        RuleFor(x => x.Profile!.PreferredLanguage).Must(CreateInstanceRequestValidator.IsLanguageTagOrEmpty)
            .WithMessage("preferred language is not a valid language tag").WithErrorCode("USER-language").When(x => x.Profile is not null);
        RuleFor(x => x.Password!.Password).ZitadelPassword(x => x.UserName).When(x => x.Password?.Password is not null);
        RuleFor(x => x.Profile!.Gender).Must(gender => gender is null || Genders.Contains(gender))
            .WithMessage($"gender must be one of {string.Join(", ", Genders)}").WithErrorCode("USER-gender").When(x => x.Profile is not null);
    }

    /// <summary>Zitadel's gender enum (<c>defined_only</c>); the JSON door passes an undefined number through for this rule to refuse.</summary>
    public static readonly string[] Genders = ["GENDER_UNSPECIFIED", "GENDER_FEMALE", "GENDER_MALE", "GENDER_DIVERSE"];

    private static bool IsNameText(string? name) => name!.Trim().Length <= TextRules.NameMaxLength && TextRules.IsPlainText(name);

    private static bool IsOptionalNameText(string? name) => name is null || IsNameText(name);
}

public sealed class ZitadelMachineValidator : AbstractValidator<ZitadelMachine>
{
    /// <summary>Zitadel's rule for the key type is <c>defined_only</c> and <c>not_in: [0]</c>: unset or unspecified is refused.</summary>
    public const string JsonKeyType = "KEY_TYPE_JSON";

    public ZitadelMachineValidator(TimeProvider clock)
    {
        RuleFor(x => x.UserName)
            .Must(name => !string.IsNullOrWhiteSpace(name) && TextRules.IsPlainText(name) && !name.Trim().Any(char.IsWhiteSpace) && name.Length <= TextRules.NameMaxLength)
            .WithMessage("machine user name is empty or invalid").WithErrorCode("USER-machine-name");
        RuleFor(x => x.Name)
            .Must(name => !string.IsNullOrWhiteSpace(name) && TextRules.IsPlainText(name) && name.Length <= TextRules.NameMaxLength)
            .WithMessage("machine name is empty").WithErrorCode("USER-machine-display-name");
        RuleFor(x => x.PersonalAccessToken!.ExpirationDate)
            .Must(date => date is null || date.Value.ToUniversalTime() > clock.GetUtcNow().UtcDateTime)
            .WithMessage("personal access token expiration date must be in the future").WithErrorCode("USER-pat-expiration")
            .When(x => x.PersonalAccessToken is not null);
        RuleFor(x => x.MachineKey!.ExpirationDate)
            .Must(date => date is null || date.Value.ToUniversalTime() > clock.GetUtcNow().UtcDateTime)
            .WithMessage("machine key expiration date must be in the future").WithErrorCode("USER-key-expiration")
            .When(x => x.MachineKey is not null);
        RuleFor(x => x.MachineKey!.Type)
            .Must(type => type == JsonKeyType)
            .WithMessage("machine key type must be KEY_TYPE_JSON").WithErrorCode("USER-key-type")
            .When(x => x.MachineKey is not null);
    }
}

public sealed class SetUpOrgRequestValidator : AbstractValidator<SetUpOrgRequest>
{
    public const int MaxRoles = 20;
    public const int RoleMaxLength = 100;

    public SetUpOrgRequestValidator()
    {
        RuleFor(x => x.Org).NotNull().WithMessage("org is required").WithErrorCode("ORG-required");
        RuleFor(x => x.Org!.Name)
            .Must(name => !string.IsNullOrWhiteSpace(name) && name.Trim().Length <= TextRules.NameMaxLength && TextRules.IsPlainText(name))
            .WithMessage("organization name must be between 1 and 200 characters").WithErrorCode("ORG-name")
            .When(x => x.Org is not null);
        RuleFor(x => x.Org!.Domain).Must(CreateInstanceRequestValidator.IsDomainNameOrEmpty)
            .WithMessage("organization domain is not a valid domain name").WithErrorCode("ORG-domain")
            .When(x => x.Org is not null);
        RuleFor(x => x.Human).NotNull().WithMessage("human is required").WithErrorCode("USER-required");
        RuleFor(x => x.Human!)
            .ChildRules(human =>
            {
                human.RuleFor(h => new ZitadelHuman { UserName = h.UserName, Email = h.Email, Profile = h.Profile })
                    .SetValidator(new ZitadelHumanValidator())
                    .OverridePropertyName("human");
                human.RuleFor(h => h.Password).ZitadelPassword(h => h.UserName).When(h => h.Password is not null);
                human.RuleFor(h => h.Phone!.Phone)
                    .Must(ZitadelPhoneRules.IsValid)
                    .WithMessage(ZitadelPhoneRules.Message).WithErrorCode("USER-phone")
                    .When(h => h.Phone is not null);
            })
            .When(x => x.Human is not null);
        RuleFor(x => x.Roles)
            .Must(roles => roles is null || roles.Count <= MaxRoles)
            .WithMessage($"at most {MaxRoles} roles can be granted").WithErrorCode("ORG-roles");
        RuleForEach(x => x.Roles)
            .Must(role => !string.IsNullOrWhiteSpace(role) && role.Length <= RoleMaxLength && TextRules.IsPlainText(role))
            .WithMessage("role is invalid").WithErrorCode("ORG-role");
        RuleForEach(x => x.Roles)
            .Must(role => role is null || Entities.Roles.Organization.Contains(role.Trim()))
            .WithMessage(MemberInvalidMessage).WithErrorCode(MemberInvalidId);
    }

    /// <summary>Zitadel's AddOrgMember refusal of a role it does not know (<c>Errors.Org.MemberInvalid</c>), in its English wording.</summary>
    public const string MemberInvalidId = "Org-4N8es";

    public const string MemberInvalidMessage = "Member is invalid (" + MemberInvalidId + ")";
}

public static partial class ZitadelPhoneRules
{
    public const int MaxLength = 50;
    public const string Message = "phone must start with + and hold only digits, spaces, dashes and parentheses (at most 50 characters)";

    /// <summary>Zitadel requires the <c>+</c> of an international number; the rest is digits and the usual separators.</summary>
    public static bool IsValid(string? phone) =>
        phone is not null && phone.Trim().Length <= MaxLength && Phone().IsMatch(phone.Trim());

    [GeneratedRegex(@"^\+[0-9][0-9 ()\-]*$")]
    private static partial Regex Phone();
}

public static class ZitadelPasswordRules
{
    /// <summary>Zitadel's default complexity policy and the common-password and user-name rules, one failure per unmet rule.</summary>
    public static IRuleBuilderOptionsConditions<T, string?> ZitadelPassword<T>(this IRuleBuilder<T, string?> rule, Func<T, string?> userName) =>
        rule.Custom((password, context) =>
        {
            if (!TextRules.IsPrintable(password))
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(context.PropertyPath, "password must not contain control characters")
                {
                    ErrorCode = "PASSWORD-printable",
                });
            }
            foreach (var unmet in PasswordPolicy.Zitadel.Evaluate(password, userName(context.InstanceToValidate)).Where(r => !r.Met))
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(context.PropertyPath, unmet.Message)
                {
                    ErrorCode = $"PASSWORD-{unmet.Rule}",
                });
            }
        });
}
