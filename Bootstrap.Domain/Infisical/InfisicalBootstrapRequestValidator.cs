using Bootstrap.Domain.Security;
using Bootstrap.Domain.Validation;
using FluentValidation;

namespace Bootstrap.Domain.Infisical;

/// <summary>Infisical validates with zod: error codes and messages follow zod's issues.</summary>
public sealed class InfisicalBootstrapRequestValidator : AbstractValidator<InfisicalBootstrapRequest>
{
    public InfisicalBootstrapRequestValidator(PasswordPolicy passwordPolicy)
    {
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Required").WithErrorCode("invalid_type")
            .Must(email => email!.Trim().Length >= 1).WithMessage("String must contain at least 1 character(s)").WithErrorCode("too_small")
            .EmailAddress().WithMessage("Invalid email").WithErrorCode("invalid_string")
            .Must(email => email!.Trim().Length <= TextRules.EmailMaxLength && TextRules.IsPlainText(email)).WithMessage("Invalid email").WithErrorCode("invalid_string");

        RuleFor(x => x.Password).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Required").WithErrorCode("invalid_type")
            .Must(password => password!.Length >= 1).WithMessage("String must contain at least 1 character(s)").WithErrorCode("too_small")
            .Must(TextRules.IsPrintable).WithMessage("Password must not contain control characters").WithErrorCode("custom")
            .Custom((password, context) =>
            {
                // Infisical signs its users in by email: the email is the user name here.
                foreach (var unmet in passwordPolicy.Evaluate(password, context.InstanceToValidate.Email).Where(r => !r.Met))
                {
                    context.AddFailure(new FluentValidation.Results.ValidationFailure(context.PropertyPath, unmet.Message) { ErrorCode = "custom" });
                }
            });

        RuleFor(x => x.Organization).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Required").WithErrorCode("invalid_type")
            .Must(name => name!.Trim().Length >= 1).WithMessage("String must contain at least 1 character(s)").WithErrorCode("too_small")
            .Must(name => name!.Trim().Length <= TextRules.NameMaxLength)
            .WithMessage("String must contain at most 200 character(s)").WithErrorCode("too_big")
            .Must(TextRules.IsPlainText).WithMessage("Invalid").WithErrorCode("invalid_string");
    }
}
