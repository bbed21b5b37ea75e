using Bootstrap.Domain.Security;
using Bootstrap.Domain.Validation;
using FluentValidation;
using FluentValidation.Results;

namespace Bootstrap.Domain.Influx;

/// <summary>
/// InfluxDB's own checks, in its order and with its messages; the error code of each failure is
/// the Influx error code the API returns.
/// </summary>
public sealed class InfluxOnboardingRequestValidator : AbstractValidator<InfluxOnboardingRequest>
{
    public const string Invalid = "invalid";
    public const string Unprocessable = "unprocessable entity";
    private const int TokenMaxLength = 512;

    /// <summary>A supplied operator token is a full-access credential: too short to survive guessing is refused.</summary>
    public const int TokenMinLength = 16;

    public InfluxOnboardingRequestValidator(PasswordPolicy passwordPolicy)
    {
        ClassLevelCascadeMode = CascadeMode.Stop;

        RuleFor(x => x).Custom((request, context) =>
        {
            var missing = new[] { ("username", request.Username), ("org", request.Org), ("bucket", request.Bucket) }
                .Where(field => string.IsNullOrEmpty(field.Item2))
                .Select(field => field.Item1)
                .ToList();
            if (missing.Count > 0)
            {
                context.AddFailure(new ValidationFailure(string.Empty,
                    $"onboarding failed: missing required fields [{string.Join(',', missing)}]") { ErrorCode = Unprocessable });
            }
        });

        RuleFor(x => x.Password).Must(TextRules.IsPrintable)
            .WithMessage("password must not contain control characters").WithErrorCode(Invalid);
        RuleFor(x => x.Password).Custom((password, context) =>
        {
            if (string.IsNullOrEmpty(password))
            {
                return;
            }
            var unmet = passwordPolicy.Evaluate(password, context.InstanceToValidate.Username).FirstOrDefault(rule => !rule.Met);
            if (unmet is not null)
            {
                context.AddFailure(new ValidationFailure("password", unmet.Message) { ErrorCode = Invalid });
            }
        });

        RuleFor(x => x.RetentionPeriodSeconds)
            .Must(seconds => seconds is null or >= 0)
            .WithMessage("retentionPeriodSeconds must not be negative").WithErrorCode(Invalid);
        RuleFor(x => x.RetentionPeriodHrs)
            .Must(value => value is null or >= 0)
            .WithMessage("retentionPeriodHrs must not be negative").WithErrorCode(Invalid);
        RuleFor(x => x.IsRetentionUnderAnHour())
            .Equal(false)
            .OverridePropertyName("retentionPeriodSeconds")
            .WithMessage("retention policy duration must be at least 1h0m0s").WithErrorCode(Invalid);

        RuleFor(x => x.Username).Must(NameIsValid)
            .WithMessage("user name must be at most 200 characters, none of them control, invisible or text-direction characters").WithErrorCode(Invalid);
        RuleFor(x => x.Org).Must(NameIsValid)
            .WithMessage("organization name must be at most 200 characters, none of them control, invisible or text-direction characters").WithErrorCode(Invalid);
        RuleFor(x => x.Bucket).Must(NameIsValid)
            .WithMessage("bucket name must be at most 200 characters, none of them control, invisible or text-direction characters").WithErrorCode(Invalid);
        RuleFor(x => x.Bucket).Must(name => !name!.StartsWith('_'))
            .WithMessage(x => $"bucket name {x.Bucket} is invalid. Buckets may not start with underscore").WithErrorCode(Invalid);
        RuleFor(x => x.Bucket).Must(name => !name!.Contains('"') && !name.Contains('\\'))
            .WithMessage(x => $"bucket name {x.Bucket} is invalid. Bucket names may not include quotation marks").WithErrorCode(Invalid);
        RuleFor(x => x.Token).Must(token => token is null || (token.Length <= TokenMaxLength && TextRules.IsPrintable(token)))
            .WithMessage("token must be at most 512 printable characters").WithErrorCode(Invalid);
        RuleFor(x => x.Token).Must(token => string.IsNullOrEmpty(token) || token.Length >= TokenMinLength)
            .WithMessage($"token must be at least {TokenMinLength} characters long").WithErrorCode(Invalid);
    }

    private static bool NameIsValid(string? name) =>
        name is not null && name.Length <= TextRules.NameMaxLength && TextRules.IsPlainText(name) && name.Trim().Length > 0;
}
