using Bootstrap.Api.Native.Setup;
using Bootstrap.Web.Hosting;
using Bootstrap.Web.Setup;

namespace Bootstrap.Web.Cli;

/// <summary>
/// <c>setup</c>: sends the native setup request, to a running server over HTTP (channel api) or
/// straight to the database with <c>--offline</c> (same validator and SetupService, channel cli).
/// Inputs are read by <see cref="SetupInputs"/>, sent by a <see cref="SetupTarget"/> and printed by <see cref="SetupOutput"/>.
/// </summary>
public sealed class SetupVerb : ICliVerb
{
    public const string DefaultUrl = KestrelEndpoints.DefaultHttpUrl;

    public string Name => "setup";

    public string Summary => "Complete the first run: organization, admin, bucket, operator token, machine user.";

    public string Description => $"""
        Completes the one-shot first run with the native request (POST /api/setup): an organization,
        an admin who can sign in, a bucket with a retention period, an operator token and optionally
        a machine user with a PAT and a machine key. Secrets are shown once: send them to files with
        --token-out, --pat-out and --machine-key-out (created with mode 0600; an existing file is
        replaced only with --force) or read them from the output. By default talks to the server at
        {DefaultUrl}; --offline works on the database.

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
        new("retention", "DURATION", "Bucket retention: 30d, 1h30m, 2w or seconds; 0 or infinite keeps data forever (default 0)."),
        new("machine-user", "NAME", "Also create a machine user with a PAT."),
        new("machine-name", "NAME", "Machine user display name (default: its user name)."),
        new("pat-expires", "DATE", "PAT expiry, ISO 8601 (default: never)."),
        new("machine-key", null, "Also issue an RSA machine key (Zitadel JSON key file)."),
        new("machine-key-expires", "DATE", "Machine key expiry, ISO 8601 (default: never)."),
        new("token-out", "FILE", "Write the operator token to FILE (mode 0600) instead of the output."),
        new("pat-out", "FILE", "Write the machine user's PAT to FILE (mode 0600) instead of the output."),
        new("machine-key-out", "FILE", "Write the machine key JSON file to FILE (mode 0600); implies --machine-key."),
        new("force", null, "Replace files that --token-out, --pat-out or --machine-key-out name if they exist."),
        new("url", "URL", $"Server to talk to (default {DefaultUrl})."),
        new("claim-token-file", "FILE", "Send the setup code read from FILE (needed when not on loopback)."),
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
            throw new CliUsageException("--claim-token-file is for --url: offline setup needs no setup code");
        }
        var request = await SetupInputs.ReadRequestAsync(arguments, console);

        var url = CliHttp.ParseUrl(arguments.Value("url") ?? DefaultUrl);
        await using SetupTarget target = arguments.Flag("offline")
            ? await OfflineSetup.StartAsync(cancellationToken)
            : new RemoteSetup(url, await ReadClaimTokenAsync(arguments, cancellationToken));
        try
        {
            if (await target.ValidateAsync(request, cancellationToken) is { } rejected)
            {
                return await ReportAsync(rejected, console, arguments, files: null);
            }
            using var files = await ReserveFilesAsync(arguments, target, cancellationToken);
            var outcome = files is null ? new SetupOutcome.AlreadySetUp() : await target.CompleteAsync(request, cancellationToken);
            return await ReportAsync(outcome, console, arguments, files);
        }
        catch (HttpRequestException exception) when (exception.StatusCode is null)
        {
            await console.Error.WriteLineAsync($"setup: cannot reach {url}: {exception.Message}");
            return ExitCodes.Unavailable;
        }
    }

    /// <summary>
    /// Reserves the <c>--*-out</c> files before the request, so that an unwritable path costs nothing. An existing file
    /// without <c>--force</c> refuses the verb, unless setup is done already: a rerun with <c>--ignore-if-set-up</c> must
    /// succeed beside the files of the first run. Null when that is the case.
    /// </summary>
    private static async Task<SetupSecretFiles?> ReserveFilesAsync(CliArguments arguments, SetupTarget target, CancellationToken cancellationToken)
    {
        try
        {
            return SetupSecretFiles.Reserve(
                SetupOutput.FileOptions.ToDictionary(pair => pair.Key, pair => arguments.Value(pair.Value)), arguments.Flag("force"));
        }
        catch (SetupSecretFileException exception)
        {
            if (exception.Exists && await target.IsSetUpAsync(cancellationToken))
            {
                return null;
            }
            var option = SetupOutput.FileOptions[exception.Secret];
            throw new CliUsageException(exception.Exists ? $"--{option}: {exception.Message}; add --force to replace it" : $"--{option}: {exception.Message}");
        }
    }

    private static async Task<string?> ReadClaimTokenAsync(CliArguments arguments, CancellationToken cancellationToken)
    {
        if (arguments.Value("claim-token-file") is not { } file)
        {
            return null;
        }
        try
        {
            return (await File.ReadAllTextAsync(file, cancellationToken)).Trim();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read --claim-token-file: {exception.Message}");
        }
    }

    private static async Task<int> ReportAsync(SetupOutcome outcome, CliConsole console, CliArguments arguments, SetupSecretFiles? files)
    {
        switch (outcome)
        {
            case SetupOutcome.Created created:
                files!.Commit(created.Response);
                await SetupOutput.WriteResultAsync(console, created.Response, files, arguments.Flag("json"));
                return ExitCodes.Success;
            case SetupOutcome.AlreadySetUp when arguments.Flag("ignore-if-set-up"):
                await console.Error.WriteLineAsync("Already set up; nothing to do (--ignore-if-set-up).");
                if (arguments.Flag("json"))
                {
                    await console.Out.WriteLineAsync("""{"alreadySetUp":true}""");
                }
                return ExitCodes.Success;
            case SetupOutcome.AlreadySetUp:
                await console.Error.WriteLineAsync("setup: setup has already been completed (use --ignore-if-set-up to accept that).");
                return ExitCodes.AlreadySetUp;
            case SetupOutcome.Rejected rejected:
                await SetupOutput.WriteRejectionAsync(console, rejected);
                return ExitCodes.InvalidInput;
            case SetupOutcome.ClaimRejected claim:
                await console.Error.WriteLineAsync(
                    $"setup: the server wants its setup code (not on loopback?): pass --claim-token-file FILE with the file the server's log names (Setup:ClaimTokenPath) ({claim.Message})");
                return ExitCodes.Unauthorized;
            case SetupOutcome.Failed failed:
                await console.Error.WriteLineAsync($"setup: {failed.Message}");
                return ExitCodes.Failure;
            default:
                throw new InvalidOperationException($"Unhandled outcome {outcome}.");
        }
    }
}
