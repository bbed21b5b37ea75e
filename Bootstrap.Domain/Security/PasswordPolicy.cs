namespace Bootstrap.Domain.Security;

/// <summary>Bound to the <c>PasswordPolicy</c> configuration section.</summary>
public sealed class PasswordPolicy
{
    public const string SectionName = "PasswordPolicy";

    /// <summary>Zitadel's default complexity policy, applied on the Zitadel paths whatever the configuration.</summary>
    public static PasswordPolicy Zitadel { get; } = new()
    {
        RequireUpper = true,
        RequireLower = true,
        RequireDigit = true,
        RequireSymbol = true,
    };

    public int MinLength { get; set; } = 8;

    /// <summary>72 bytes is where bcrypt-based peers silently truncate; kept for parity.</summary>
    public int MaxLength { get; set; } = 72;

    public bool RequireUpper { get; set; }
    public bool RequireLower { get; set; }
    public bool RequireDigit { get; set; }
    public bool RequireSymbol { get; set; }

    /// <summary>Shorter user names are not looked for inside the password: "a" or "jo" would refuse half of all passwords.</summary>
    public const int UserNameCheckMinLength = 3;

    public const string CommonMessage = "password must not be one of the 30,000 most common passwords";
    public const string ContainsUserNameMessage = "password must not contain the user name";

    public string LengthMessage => $"passwords must be between {MinLength} and {MaxLength} characters long";

    /// <summary>
    /// Every rule of this policy with whether <paramref name="password"/> meets it, in display order. The
    /// user-name rule is only listed when <paramref name="userName"/> is long enough to be looked for.
    /// </summary>
    public IReadOnlyList<PasswordRuleResult> Evaluate(string? password, string? userName = null)
    {
        password ??= string.Empty;
        var results = new List<PasswordRuleResult>
        {
            new("length", LengthMessage, password.Length >= MinLength && password.Length <= MaxLength),
        };
        if (RequireUpper)
        {
            results.Add(new("upper", "password must contain an uppercase letter", password.Any(char.IsUpper)));
        }
        if (RequireLower)
        {
            results.Add(new("lower", "password must contain a lowercase letter", password.Any(char.IsLower)));
        }
        if (RequireDigit)
        {
            results.Add(new("digit", "password must contain a digit", password.Any(char.IsDigit)));
        }
        if (RequireSymbol)
        {
            results.Add(new("symbol", "password must contain a symbol", password.Any(c => !char.IsLetterOrDigit(c))));
        }
        results.Add(new("common", CommonMessage, password.Length == 0 || !CommonPasswords.Contains(password)));
        var trimmedUserName = userName?.Trim();
        if (trimmedUserName is { Length: >= UserNameCheckMinLength })
        {
            results.Add(new("username", ContainsUserNameMessage, !password.Contains(trimmedUserName, StringComparison.OrdinalIgnoreCase)));
        }
        return results;
    }
}

public sealed record PasswordRuleResult(string Rule, string Message, bool Met);
