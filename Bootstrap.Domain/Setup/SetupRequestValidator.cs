using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Security;
using Bootstrap.Domain.Validation;
using FluentValidation;

namespace Bootstrap.Domain.Setup;

public sealed class SetupRequestValidator : AbstractValidator<SetupRequest>
{
    public SetupRequestValidator(PasswordPolicy passwordPolicy, TimeProvider clock)
    {
        RuleFor(x => x.Organization).Cascade(CascadeMode.Stop)
            .Required().WithName("Organization name")
            .MaximumLength(TextRules.NameMaxLength).WithName("Organization name")
            .PlainText().WithName("Organization name");

        RuleFor(x => x.Admin).NotNull().WithMessage("The admin user is required.");
        RuleFor(x => x.Admin!).SetValidator(new AdminRequestValidator(passwordPolicy));

        RuleFor(x => x.Bucket).NotNull().WithMessage("The bucket is required.");
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
            .MaximumLength(TextRules.NameMaxLength).WithName("User name")
            .Must(name => !name!.Trim().Any(char.IsWhiteSpace)).WithMessage("User name must not contain spaces.")
            .PlainText().WithName("User name");

        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .Required().WithName("Email")
            .MaximumLength(TextRules.EmailMaxLength).WithName("Email")
            .PlainText().WithName("Email")
            .EmailAddress().WithMessage("Email must be a valid email address.");

        RuleFor(x => x.Password).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Password is required.")
            .Printable().WithName("Password")
            .Custom((password, context) =>
            {
                foreach (var rule in passwordPolicy.Evaluate(password, context.InstanceToValidate.UserName).Where(r => !r.Met))
                {
                    context.AddFailure(rule.Message);
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
            .MaximumLength(TextRules.NameMaxLength).WithName("Bucket name")
            .PlainText().WithName("Bucket name")
            .Must(name => !name!.Trim().StartsWith('_')).WithMessage("Bucket names may not start with an underscore.")
            .Must(name => !name!.Contains('"') && !name.Contains('\\')).WithMessage("Bucket names may not include quotation marks or backslashes.");

        RuleFor(x => x.RetentionSeconds)
            .Must(seconds => seconds == 0 || seconds >= Bucket.MinimumRetentionSeconds)
            .WithMessage("Retention must be 0 (keep forever) or at least one hour (3600 seconds).");
    }
}

public sealed class MachineRequestValidator : AbstractValidator<MachineRequest>
{
    public MachineRequestValidator(string? adminUserName, TimeProvider clock)
    {
        RuleFor(x => x.UserName).Cascade(CascadeMode.Stop)
            .Required().WithName("Machine user name")
            .MaximumLength(TextRules.NameMaxLength).WithName("Machine user name")
            .Must(name => !name!.Trim().Any(char.IsWhiteSpace)).WithMessage("Machine user name must not contain spaces.")
            .PlainText().WithName("Machine user name")
            .Must(name => !string.Equals(name!.Trim(), adminUserName?.Trim(), StringComparison.OrdinalIgnoreCase))
            .WithMessage("The machine user needs a user name different from the admin's.");

        RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
            .Required().WithName("Machine user display name")
            .MaximumLength(TextRules.NameMaxLength).WithName("Machine user display name")
            .PlainText().WithName("Machine user display name");

        RuleFor(x => x.PatExpiresAt)
            .Must(at => at is null || at.Value.ToUniversalTime() > clock.GetUtcNow().UtcDateTime)
            .WithMessage("The PAT expiry must be in the future.");

        RuleFor(x => x.MachineKeyExpiresAt)
            .Must(at => at is null || at.Value.ToUniversalTime() > clock.GetUtcNow().UtcDateTime)
            .WithMessage("The machine key expiry must be in the future.");
    }
}
