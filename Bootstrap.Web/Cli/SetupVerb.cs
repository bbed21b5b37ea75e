using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bootstrap.Api.Native;
using Bootstrap.Api.Native.Setup;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Bootstrap.Api.Common;
using FluentValidation;

namespace Bootstrap.Web.Cli;

/// <summary>
/// <c>setup</c>: sends the native setup request, to a running server over HTTP (channel cli) or
/// straight to the database with <c>--offline</c> (same validator and SetupService, channel Cli).
/// </summary>
public sealed class SetupVerb : ICliVerb
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>Which option to blame for an error on a JSON path of the native request.</summary>
    private static readonly Dictionary<string, string> OptionByJsonPath = new(StringComparer.Ordinal)
    {
        ["organization"] = "--org",
        ["admin"] = "--username",
        ["admin.userName"] = "--username",
        ["admin.email"] = "--email",
        ["admin.password"] = "--password-stdin",
        ["bucket"] = "--bucket",
        ["bucket.name"] = "--bucket",
        ["bucket.retentionSeconds"] = "--retention",
        ["machine.userName"] = "--machine-user",
        ["machine.name"] = "--machine-name",
        ["machine.patExpiresAt"] = "--pat-expires",
        ["machine.machineKeyExpiresAt"] = "--machine-key-expires",
    };

    public string Name => "setup";

    public string Summary => "Complete the first run: organization, admin, bucket, operator token, machine user.";

    public string Description => $"""
        Completes the one-shot first run with the native request (POST /api/setup): an organization,
        an admin who can sign in, a bucket with a retention period, an operator token and optionally
        a machine user with a PAT and a machine key. Secrets are shown once: send them to files with
        --token-out, --pat-out and --machine-key-out (created with mode 0600) or read them from the
        output. By default talks to the server at {DefaultUrl}; --offline works on the database.

        Example:
          echo "$ADMIN_PASSWORD" | {BootstrapCli.ToolName} setup --org "Acme" --username admin \
            --email admin@acme.test --password-stdin --bucket telemetry --retention 30d \
            --token-out /run/secrets/operator-token --ignore-if-set-up
        """;

    public IReadOnlyList<CliOption> Options { get; } =
    [
        new("org", "NAME", "Organization name (required)."),
        new("username", "NAME", "Admin user name (required)."),
        new("email", "ADDRESS", "Admin email (required)."),
        new("password-stdin", null, "Read the admin password from standard input."),
        new("password-file", "FILE", "Read the admin password from FILE."),
        new("bucket", "NAME", "Bucket name (required)."),
        new("retention", "DURATION", "Bucket retention: seconds or 1h, 7d, 2w...; 0 keeps data forever (default 0)."),
        new("machine-user", "NAME", "Also create a machine user with a PAT."),
        new("machine-name", "NAME", "Machine user display name (default: its user name)."),
        new("pat-expires", "DATE", "PAT expiry, ISO 8601 (default: never)."),
        new("machine-key", null, "Also issue an RSA machine key (Zitadel JSON key file)."),
        new("machine-key-expires", "DATE", "Machine key expiry, ISO 8601 (default: never)."),
        new("token-out", "FILE", "Write the operator token to FILE (mode 0600) instead of the output."),
        new("pat-out", "FILE", "Write the machine user's PAT to FILE (mode 0600) instead of the output."),
        new("machine-key-out", "FILE", "Write the machine key JSON file to FILE (mode 0600); implies --machine-key."),
        new("url", "URL", $"Server to talk to (default {DefaultUrl})."),
        new("claim-token-file", "FILE", "Send the setup claim token read from FILE (needed when not on loopback)."),
        new("offline", null, "Work on the database directly instead of a running server."),
        new("ignore-if-set-up", null, "Exit 0 when setup was already completed; every other failure still fails."),
        new("json", null, "Print the setup response as JSON (secrets sent to files are left out)."),
    ];

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        if (arguments.Has("offline") && arguments.Has("url"))
        {
            throw new CliUsageException("choose either --url or --offline");
        }
        if (arguments.Has("offline") && arguments.Has("claim-token-file"))
        {
            throw new CliUsageException("--claim-token-file is for --url: offline setup needs no claim token");
        }
        var request = await BuildRequestAsync(arguments, console);

        using var outputs = SecretOutputs.Reserve(arguments);
        var outcome = arguments.Flag("offline")
            ? await RunOfflineAsync(request, cancellationToken)
            : await RunOnlineAsync(request, arguments, cancellationToken);

        switch (outcome)
        {
            case Outcome.Completed completed:
                outputs.Commit(completed.Response);
                await WriteResultAsync(console, completed.Response, outputs, arguments.Flag("json"));
                return ExitCodes.Success;
            case Outcome.AlreadySetUp when arguments.Flag("ignore-if-set-up"):
                await console.Error.WriteLineAsync("Already set up; nothing to do (--ignore-if-set-up).");
                if (arguments.Flag("json"))
                {
                    await console.Out.WriteLineAsync("""{"alreadySetUp":true}""");
                }
                return ExitCodes.Success;
            case Outcome.AlreadySetUp:
                await console.Error.WriteLineAsync("setup: setup has already been completed (use --ignore-if-set-up to accept that).");
                return ExitCodes.AlreadySetUp;
            case Outcome.Invalid invalid:
                await console.Error.WriteLineAsync("setup: the request was refused:");
                foreach (var (path, messages) in invalid.Errors)
                {
                    foreach (var message in messages)
                    {
                        await console.Error.WriteLineAsync($"  {OptionByJsonPath.GetValueOrDefault(path, path)}: {message}");
                    }
                }
                return ExitCodes.InvalidInput;
            case Outcome.Failed failed:
                await console.Error.WriteLineAsync($"setup: {failed.Message}");
                return failed.ExitCode;
            default:
                throw new InvalidOperationException($"Unhandled outcome {outcome}.");
        }
    }

    /// <summary>The options that only mean something with <c>--machine-user</c>.</summary>
    private static readonly string[] MachineUserOptions = ["machine-name", "pat-expires", "machine-key", "machine-key-expires", "pat-out", "machine-key-out"];

    private static async Task<SetupRequest> BuildRequestAsync(CliArguments arguments, CliConsole console)
    {
        var machineUser = arguments.Value("machine-user");
        var machineKey = arguments.Flag("machine-key") || arguments.Has("machine-key-out");
        if (machineUser is null)
        {
            foreach (var option in MachineUserOptions.Where(arguments.Has))
            {
                throw new CliUsageException($"--{option} needs a machine user: add --machine-user NAME");
            }
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

    internal static async Task<string> ReadPasswordAsync(CliArguments arguments, CliConsole console)
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

    /// <summary>Seconds, or a number with s/m/h/d/w; 0, "infinite" and "forever" keep data forever.</summary>
    internal static long ParseRetention(string? value)
    {
        if (value is null or "infinite" or "forever")
        {
            return 0;
        }
        var units = new Dictionary<char, long> { ['s'] = 1, ['m'] = 60, ['h'] = 3600, ['d'] = 86400, ['w'] = 7 * 86400 };
        var (digits, multiplier) = value.Length > 0 && units.TryGetValue(value[^1], out var unit) ? (value[..^1], unit) : (value, 1L);
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new CliUsageException($"--retention '{value}' is not a duration (e.g. 3600, 1h, 30d, 0)");
        }
        return checked(count * multiplier);
    }

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

    private static async Task<Outcome> RunOfflineAsync(SetupRequest request, CancellationToken cancellationToken)
    {
        await using var host = await OfflineHost.StartAsync(cancellationToken);
        var validation = await host.Get<IValidator<SetupRequest>>().ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return new Outcome.Invalid(validation.Errors
                .GroupBy(f => NativeErrorMapper.ToJsonPath(f.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray()));
        }
        try
        {
            var result = await host.Get<SetupService>().CompleteFirstRunAsync(
                request.ToCommand(), new SetupContext(SetupChannel.Cli, RemoteAddress: null), cancellationToken);
            return new Outcome.Completed(SetupResponse.From(result));
        }
        catch (SetupAlreadyCompletedException)
        {
            return new Outcome.AlreadySetUp();
        }
    }

    private static async Task<Outcome> RunOnlineAsync(SetupRequest request, CliArguments arguments, CancellationToken cancellationToken)
    {
        var url = CliHttp.ParseUrl(arguments.Value("url") ?? DefaultUrl);
        using var client = CliHttp.CreateClient(url);
        using var message = new HttpRequestMessage(HttpMethod.Post, "api/setup")
        {
            Content = JsonContent.Create(request, options: CliJson.Options),
        };
        if (arguments.Value("claim-token-file") is { } claimTokenFile)
        {
            message.Headers.Add("X-Setup-Token", (await File.ReadAllTextAsync(claimTokenFile, cancellationToken)).Trim());
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            return new Outcome.Failed(ExitCodes.Unavailable, $"cannot reach {url}: {exception.Message}");
        }

        using (response)
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.Created:
                    return new Outcome.Completed((await response.Content.ReadFromJsonAsync<SetupResponse>(CliJson.Options, cancellationToken))!);
                case HttpStatusCode.Conflict:
                    return new Outcome.AlreadySetUp();
                case HttpStatusCode.BadRequest:
                    var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                    return problem.TryGetProperty("errors", out var errors)
                        ? new Outcome.Invalid(errors.EnumerateObject().ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(m => m.GetString() ?? "").ToArray()))
                        : new Outcome.Failed(ExitCodes.InvalidInput, $"the server refused the request: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                case HttpStatusCode.Unauthorized:
                    return new Outcome.Failed(ExitCodes.Unauthorized,
                        "the server wants the setup claim token (not on loopback?): pass --claim-token-file FILE with the token from the server's Setup:ClaimTokenPath");
                default:
                    return new Outcome.Failed(ExitCodes.Failure, $"the server answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }
    }

    private static async Task WriteResultAsync(CliConsole console, SetupResponse response, SecretOutputs outputs, bool json)
    {
        var shown = outputs.Redact(response);
        if (json)
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(shown, CliJson.Options));
            return;
        }
        var text = new StringBuilder();
        text.AppendLine("Setup completed.");
        text.AppendLine($"  instance      {response.InstanceId}");
        text.AppendLine($"  organization  {response.Organization.Name} (slug {response.Organization.Slug})");
        text.AppendLine($"  admin         {response.Admin.UserName}");
        text.AppendLine($"  bucket        {response.Bucket.Name} (retention {(response.Bucket.RetentionSeconds == 0 ? "forever" : $"{response.Bucket.RetentionSeconds} s")})");
        if (response.Machine is not null)
        {
            text.AppendLine($"  machine user  {response.Machine.UserName}");
        }
        text.AppendLine();
        text.AppendLine(outputs.Describe("Operator token", "token-out", shown.OperatorToken));
        if (response.Machine is not null)
        {
            text.AppendLine(outputs.Describe("PAT", "pat-out", shown.Machine!.Pat));
            if (response.Machine.MachineKey is not null)
            {
                text.AppendLine(outputs.Describe("Machine key", "machine-key-out", $"(base64 of the JSON key file) {shown.Machine.MachineKey}"));
            }
        }
        await console.Out.WriteAsync(text.ToString());
    }

    private abstract record Outcome
    {
        public sealed record Completed(SetupResponse Response) : Outcome;

        public sealed record AlreadySetUp : Outcome;

        public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : Outcome;

        public sealed record Failed(int ExitCode, string Message) : Outcome;
    }

    /// <summary>The --*-out files, reserved before the request so that an unwritable path costs nothing.</summary>
    private sealed class SecretOutputs : IDisposable
    {
        private readonly Dictionary<string, PendingSecretFile> _files = [];

        public static SecretOutputs Reserve(CliArguments arguments)
        {
            var outputs = new SecretOutputs();
            try
            {
                foreach (var option in new[] { "token-out", "pat-out", "machine-key-out" })
                {
                    if (arguments.Value(option) is { } path)
                    {
                        outputs._files[option] = CliFiles.ReserveSecret(option, path);
                    }
                }
                return outputs;
            }
            catch
            {
                outputs.Dispose();
                throw;
            }
        }

        public void Commit(SetupResponse response)
        {
            foreach (var (option, file) in _files)
            {
                file.Commit(option switch
                {
                    "token-out" => response.OperatorToken,
                    "pat-out" => response.Machine!.Pat,
                    _ => Encoding.UTF8.GetString(Convert.FromBase64String(response.Machine!.MachineKey!)),
                });
            }
        }

        /// <summary>The response without the secrets that went to files.</summary>
        public SetupResponse Redact(SetupResponse response) => response with
        {
            OperatorToken = _files.ContainsKey("token-out") ? null! : response.OperatorToken,
            Machine = response.Machine is null
                ? null
                : response.Machine with
                {
                    Pat = _files.ContainsKey("pat-out") ? null! : response.Machine.Pat,
                    MachineKey = _files.ContainsKey("machine-key-out") ? null : response.Machine.MachineKey,
                },
        };

        public string Describe(string label, string option, string? shownValue) =>
            _files.TryGetValue(option, out var file) ? $"{label} written to {file.Path}" : $"{label}: {shownValue}";

        public void Dispose()
        {
            foreach (var file in _files.Values)
            {
                file.Dispose();
            }
        }
    }
}
