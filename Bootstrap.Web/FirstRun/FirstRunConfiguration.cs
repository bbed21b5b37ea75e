using System.Globalization;
using Bootstrap.Api.Data;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Time;
using FluentValidation;

namespace Bootstrap.Web.FirstRun;

/// <summary>What the <c>FirstRun</c> section asks for: the native setup request and where each secret goes.</summary>
public sealed record FirstRunPlan(SetupRequest Request, string? OperatorTokenPath, string? PatPath, string? MachineKeyPath);

/// <summary>
/// Reads the <c>FirstRun</c> configuration section into the native <see cref="SetupRequest"/> and
/// validates it with the shared validator. Every problem is reported under its configuration key,
/// because an operator fixes an environment variable, not a JSON path.
/// </summary>
public static class FirstRunConfiguration
{
    public const string SectionName = "FirstRun";

    public const string Org = "FirstRun:Org";
    public const string Bucket = "FirstRun:Bucket";
    public const string RetentionSeconds = "FirstRun:RetentionSeconds";
    public const string AdminUserName = "FirstRun:Admin:UserName";
    public const string AdminEmail = "FirstRun:Admin:Email";
    public const string AdminPassword = "FirstRun:Admin:Password";
    public const string AdminPasswordFile = "FirstRun:Admin:PasswordFile";
    public const string MachineUserName = "FirstRun:Machine:UserName";
    public const string MachineName = "FirstRun:Machine:Name";
    public const string MachinePatExpiresAt = "FirstRun:Machine:PatExpiresAt";
    public const string MachineKeyExpiresAt = "FirstRun:Machine:MachineKeyExpiresAt";
    public const string PatPath = "FirstRun:PatPath";
    public const string MachineKeyPath = "FirstRun:MachineKeyPath";
    public const string OperatorTokenPath = "FirstRun:OperatorTokenPath";

    /// <exception cref="FirstRunConfigurationException">Listing every invalid key.</exception>
    public static async Task<FirstRunPlan> ReadAsync(IConfiguration configuration, IValidator<SetupRequest> validator, CancellationToken cancellationToken)
    {
        var errors = new List<FirstRunConfigurationError>();
        string? Text(string key) => configuration[key] is { Length: > 0 } value ? value : null;
        string? DataPath(string key) => Text(key) is { } path ? DataPaths.Resolve(path) : null;

        var password = Text(AdminPassword);
        var passwordKey = AdminPassword;
        if (Text(AdminPasswordFile) is { } passwordFile)
        {
            passwordKey = AdminPasswordFile;
            if (password is not null)
            {
                errors.Add(new(AdminPasswordFile, $"set either {AdminPassword} or {AdminPasswordFile}, not both"));
            }
            password = ReadSecretFile(passwordFile, AdminPasswordFile, errors);
        }

        var machineUserName = Text(MachineUserName);
        var machineKeyPath = DataPath(MachineKeyPath);
        var patPath = DataPath(PatPath);
        var request = new SetupRequest
        {
            Organization = Text(Org),
            Admin = new AdminRequest { UserName = Text(AdminUserName), Email = Text(AdminEmail), Password = password },
            Bucket = new BucketRequest { Name = Text(Bucket), RetentionSeconds = ParseRetention(Text(RetentionSeconds), errors) },
            Machine = machineUserName is null
                ? null
                : new MachineRequest
                {
                    UserName = machineUserName,
                    Name = Text(MachineName) ?? machineUserName,
                    PatExpiresAt = ParseDate(Text(MachinePatExpiresAt), MachinePatExpiresAt, errors),
                    MachineKey = machineKeyPath is not null,
                    MachineKeyExpiresAt = ParseDate(Text(MachineKeyExpiresAt), MachineKeyExpiresAt, errors),
                },
        };

        if (machineUserName is null)
        {
            foreach (var key in new[] { MachineName, MachinePatExpiresAt, MachineKeyExpiresAt, PatPath, MachineKeyPath }.Where(k => Text(k) is not null))
            {
                errors.Add(new(key, $"needs a machine user: set {MachineUserName}"));
            }
        }
        else if (patPath is null)
        {
            errors.Add(new(PatPath, "is required with a machine user: the PAT is shown only once and must be saved"));
        }

        var validation = await validator.ValidateAsync(request, cancellationToken);
        // A key already reported (e.g. an unreadable password file) needs no "is required" on top.
        var reported = errors.Select(e => e.Key).ToHashSet();
        errors.AddRange(validation.Errors
            .Select(failure => new FirstRunConfigurationError(KeyFor(failure.PropertyName, passwordKey), failure.ErrorMessage))
            .Where(error => !reported.Contains(error.Key)));

        if (errors.Count > 0)
        {
            throw new FirstRunConfigurationException(errors.DistinctBy(e => (e.Key, e.Message)).ToList());
        }
        return new FirstRunPlan(request, DataPath(OperatorTokenPath), patPath, machineKeyPath);
    }

    /// <summary>The configuration key behind a validator property path such as <c>Admin.Password</c>.</summary>
    public static string KeyFor(string propertyPath, string passwordKey = AdminPassword) => propertyPath switch
    {
        nameof(SetupRequest.Organization) => Org,
        "Admin" or "Admin.UserName" => AdminUserName,
        "Admin.Email" => AdminEmail,
        "Admin.Password" => passwordKey,
        "Bucket" or "Bucket.Name" => Bucket,
        "Bucket.RetentionSeconds" => RetentionSeconds,
        "Machine.UserName" => MachineUserName,
        "Machine.Name" => MachineName,
        "Machine.PatExpiresAt" => MachinePatExpiresAt,
        "Machine.MachineKeyExpiresAt" => MachineKeyExpiresAt,
        _ => $"{SectionName}:{propertyPath.Replace('.', ':')}",
    };

    private static string? ReadSecretFile(string path, string key, List<FirstRunConfigurationError> errors)
    {
        try
        {
            // Files written by `echo` or editors end with a newline that is not part of the secret.
            return File.ReadAllText(path).TrimEnd('\r', '\n');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            errors.Add(new(key, $"cannot read '{path}': {exception.Message}"));
            return null;
        }
    }

    /// <summary>A duration such as 1h30m or 30d (a bare number is seconds); unset keeps data forever.</summary>
    private static long ParseRetention(string? value, List<FirstRunConfigurationError> errors)
    {
        if (value is null)
        {
            return 0;
        }
        if (DurationParser.TryParseSeconds(value, out var seconds, out var error))
        {
            return seconds;
        }
        errors.Add(new(RetentionSeconds, error));
        return 0;
    }

    private static DateTime? ParseDate(string? value, string key, List<FirstRunConfigurationError> errors)
    {
        if (value is null)
        {
            return null;
        }
        if (DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }
        errors.Add(new(key, $"'{value}' is not a date (use ISO 8601, e.g. 2030-01-31T00:00:00Z)"));
        return null;
    }
}

public sealed record FirstRunConfigurationError(string Key, string Message);

/// <summary>The FirstRun section cannot be carried out; the process stops before writing anything.</summary>
public sealed class FirstRunConfigurationException(IReadOnlyList<FirstRunConfigurationError> errors)
    : Exception("The FirstRun configuration is invalid; nothing was written:" + string.Concat(errors.Select(e => $"{Environment.NewLine}  {e.Key}: {e.Message}")))
{
    public IReadOnlyList<FirstRunConfigurationError> Errors { get; } = errors;
}
