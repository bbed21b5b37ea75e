using System.Globalization;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Time;

namespace Bootstrap.Web.Cli;

/// <summary>The <c>setup</c> verb's options read into the native <see cref="SetupRequest"/>, and the password inputs <c>recover-admin</c> shares.</summary>
internal static class SetupInputs
{
    private static readonly string[] MachineOptions = ["machine-name", "pat-expires", "machine-key", "machine-key-expires", "pat-out", "machine-key-out"];

    public static async Task<SetupRequest> ReadRequestAsync(CliArguments arguments, CliConsole console)
    {
        var machineUser = arguments.Value("machine-user");
        var machineKey = arguments.Flag("machine-key") || arguments.Has("machine-key-out");
        if (machineUser is null && MachineOptions.FirstOrDefault(arguments.Has) is { } orphan)
        {
            throw new CliUsageException($"--{orphan} needs a machine user: add --machine-user NAME");
        }
        return new SetupRequest
        {
            Organization = arguments.Value("org"),
            Admin = new AdminRequest
            {
                UserName = arguments.Value("username"),
                Email = arguments.Value("email"),
                Password = await ReadPasswordAsync(arguments, console),
            },
            Bucket = new BucketRequest { Name = arguments.Value("bucket"), RetentionSeconds = ParseRetention(arguments.Value("retention")) },
            Machine = machineUser is null
                ? null
                : new MachineRequest
                {
                    UserName = machineUser,
                    Name = arguments.Value("machine-name") ?? machineUser,
                    PatExpiresAt = ParseDate(arguments.Value("pat-expires"), "pat-expires"),
                    MachineKey = machineKey,
                    MachineKeyExpiresAt = ParseDate(arguments.Value("machine-key-expires"), "machine-key-expires"),
                },
        };
    }

    /// <summary>The password from <c>--password-stdin</c> or <c>--password-file</c>: never from the command line, where <c>ps</c> shows it.</summary>
    public static async Task<string> ReadPasswordAsync(CliArguments arguments, CliConsole console)
    {
        if (arguments.Flag("password-stdin") && arguments.Has("password-file"))
        {
            throw new CliUsageException("choose either --password-stdin or --password-file");
        }
        string password;
        if (arguments.Flag("password-stdin"))
        {
            password = await console.In.ReadToEndAsync();
        }
        else if (arguments.Value("password-file") is { } file)
        {
            try
            {
                password = await File.ReadAllTextAsync(file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new CliUsageException($"cannot read --password-file: {exception.Message}");
            }
        }
        else
        {
            throw new CliUsageException("give the password with --password-stdin or --password-file (never on the command line)");
        }
        // `echo` and editors end the input with a newline that is not part of the password.
        password = password.TrimEnd('\r', '\n');
        return password.Length > 0 ? password : throw new CliUsageException("the password read is empty");
    }

    /// <summary>The Influx grammar of <see cref="DurationParser"/> (1h30m, 30d, bare seconds); unset keeps data forever.</summary>
    private static long ParseRetention(string? value) =>
        value is null ? 0
        : DurationParser.TryParseSeconds(value, out var seconds, out var error) ? seconds
        : throw new CliUsageException($"--retention {error}");

    private static DateTime? ParseDate(string? value, string option)
    {
        if (value is null)
        {
            return null;
        }
        return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new CliUsageException($"--{option} '{value}' is not a date (use ISO 8601, e.g. 2030-01-31T00:00:00Z)");
    }
}
