using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Security;
using Bootstrap.Domain.Validation;
using FluentValidation;
using FluentValidation.Results;

namespace Bootstrap.Domain.Setup;

public sealed class SetupRequestValidator : AbstractValidator<SetupRequest>
{
    public SetupRequestValidator(PasswordPolicy passwordPolicy, TimeProvider clock)
    {
        RuleFor(x => x.Organization).Cascade(CascadeMode.Stop)
            .Required().WithName("Organization name")
            .NotLongerThan(TextRules.NameMaxLength).WithName("Organization name")
            .PlainText().WithName("Organization name");

        RuleFor(x => x.Admin).NotNull().WithMessage("The admin user is required.").WithErrorCode("AdminMissing");
        RuleFor(x => x.Admin!).SetValidator(new AdminRequestValidator(passwordPolicy));

        RuleFor(x => x.Bucket).NotNull().WithMessage("The bucket is required.").WithErrorCode("BucketMissing");
        RuleFor(x => x.Bucket!).SetValidator(new BucketRequestValidator());

        RuleFor(x => x.Machine!).SetValidator(x => new MachineRequestValidator(x.Admin?.UserName, clock));
    }
}

public sealed class AdminRequestValidator : AbstractValidator<AdminRequest>
{
    public AdminRequestValidator(PasswordPolicy passwordPolicy)
    {
        RuleFor(x => x.UserName).Cascade(CascadeMode.Stop)
            .Required().WithName("User name")
            .NotLongerThan(TextRules.NameMaxLength).WithName("User name")
            .Must(name => !name!.Trim().Any(char.IsWhiteSpace)).WithMessage("User name must not contain spaces.").WithErrorCode("NoSpaces")
            .PlainText().WithName("User name");

        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .Required().WithName("Email")
            .NotLongerThan(TextRules.EmailMaxLength).WithName("Email")
            .PlainText().WithName("Email")
            .EmailAddress().WithMessage("Email must be a valid email address.").WithErrorCode("Email");

        RuleFor(x => x.Password).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Password is required.").WithErrorCode("Required")
            .Printable().WithName("Password")
            .Custom((password, context) =>
            {
                foreach (var rule in passwordPolicy.Evaluate(password, context.InstanceToValidate.UserName).Where(r => !r.Met))
                {
                    context.AddFailure(new ValidationFailure(context.PropertyPath, rule.Message)
                    {
                        ErrorCode = $"Password.{rule.Rule}",
                        FormattedMessagePlaceholderValues = new Dictionary<string, object>
                        {
                            ["MinLength"] = passwordPolicy.MinLength,
                            ["MaxLength"] = passwordPolicy.MaxLength,
                        },
                    });
                }
            });
    }
}

public sealed class BucketRequestValidator : AbstractValidator<BucketRequest>
{
    public BucketRequestValidator()
    {
        RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
            .Required().WithName("Bucket name")
            .NotLongerThan(TextRules.NameMaxLength).WithName("Bucket name")
            .PlainText().WithName("Bucket name")
            .Must(name => !name!.Trim().StartsWith('_')).WithMessage("Bucket names may not start with an underscore.").WithErrorCode("BucketUnderscore")
            .Must(name => !name!.Contains('"') && !name.Contains('\\')).WithMessage("Bucket names may not include quotation marks or backslashes.").WithErrorCode("BucketQuotes");

        RuleFor(x => x.RetentionSeconds)
            .Must(seconds => seconds == 0 || seconds >= Bucket.MinimumRetentionSeconds)
            .WithMessage("Retention must be 0 (keep forever) or at least one hour (3600 seconds).").WithErrorCode("Retention");
    }
}

public sealed class MachineRequestValidator : AbstractValidator<MachineRequest>
{
    public MachineRequestValidator(string? adminUserName, TimeProvider clock)
    {
        RuleFor(x => x.UserName).Cascade(CascadeMode.Stop)
            .Required().WithName("Machine user name")
            .NotLongerThan(TextRules.NameMaxLength).WithName("Machine user name")
            .Must(name => !name!.Trim().Any(char.IsWhiteSpace)).WithMessage("Machine user name must not contain spaces.").WithErrorCode("NoSpaces")
            .PlainText().WithName("Machine user name")
            .Must(name => !string.Equals(name!.Trim(), adminUserName?.Trim(), StringComparison.OrdinalIgnoreCase))
            .WithMessage("The machine user needs a user name different from the admin's.").WithErrorCode("MachineUserNameTaken");

        RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
            .Required().WithName("Machine user display name")
            .NotLongerThan(TextRules.NameMaxLength).WithName("Machine user display name")
            .PlainText().WithName("Machine user display name");

        RuleFor(x => x.PatExpiresAt)
            .Must(at => at is null || at.Value.ToUniversalTime() > clock.GetUtcNow().UtcDateTime)
            .WithMessage("The PAT expiry must be in the future.").WithErrorCode("PatExpiry");

        RuleFor(x => x.MachineKeyExpiresAt)
            .Must(at => at is null || at.Value.ToUniversalTime() > clock.GetUtcNow().UtcDateTime)
            .WithMessage("The machine key expiry must be in the future.").WithErrorCode("MachineKeyExpiry");
    }
}
