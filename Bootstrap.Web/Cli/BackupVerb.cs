using Bootstrap.Api.Backup;

namespace Bootstrap.Web.Cli;

/// <summary><c>backup</c>: an online copy of the SQLite database and the key-ring key, in one 0600 tar file.</summary>
public sealed class BackupVerb : ICliVerb
{
    public string Name => "backup";

    public string Summary => "Copy the SQLite database and the key-ring key into one backup file, while the server runs.";

    public string Description => $"""
        Takes a consistent copy of the SQLite database while the server keeps running and writing
        (SQLite's online backup API: the server is never stopped or blocked), checks it with
        PRAGMA integrity_check and checks that the key-ring key opens the key ring in it, then writes
        one tar file to --to: the database and the key-ring key (DataProtection:Key or the key file).
        THE FILE IS A SECRET: with the key inside, it reads every session cookie and protected value;
        it is created with mode 0600 and must be stored like the key itself. An existing file is
        replaced only with --force. Restore it with '{BootstrapCli.ToolName} restore --from FILE'.
        With Database:Provider=Postgres, use pg_dump -Fc and keep the key file or DataProtection:Key
        with the dump (docs/operations.md, "Backup and restore").

        Example:
          {BootstrapCli.ToolName} backup --to /var/backups/bootstrap-$(date +%F).tar
        """;

    public IReadOnlyList<CliOption> Options { get; } =
    [
        new("to", "FILE", "Where to write the backup (required); it holds the key-ring key: a secret, mode 0600."),
        new("force", null, "Replace the --to file if it exists."),
        new("json", null, "Print {path, databaseBytes, holdsKey, sealedValues, copyMilliseconds} as JSON."),
    ];

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var to = arguments.Required("to");
        await using var host = OfflineHost.Open();
        if (SqliteBackup.For(host.Services) is not { } backup)
        {
            await console.Error.WriteLineAsync(
                "backup: the database is not a SQLite file (Database:Provider=Postgres): back it up with 'pg_dump -Fc' and keep " +
                "the key-ring key (the DataProtection:KeyFile file or DataProtection:Key) with the dump; see docs/operations.md.");
            return ExitCodes.Usage;
        }
        if (!File.Exists(backup.Locations.DatabasePath))
        {
            await console.Error.WriteLineAsync($"backup: there is no database at {backup.Locations.DatabasePath}: nothing to back up.");
            return ExitCodes.NotFound;
        }

        using var output = CliFiles.ReserveSecret("to", to, arguments.Flag("force"));
        BackupResult result;
        try
        {
            result = await backup.CreateAsync(output, TimeProvider.System, cancellationToken);
        }
        catch (BackupFailedException exception)
        {
            await console.Error.WriteLineAsync($"backup: {exception.Message}; no backup was written.");
            return ExitCodes.Failure;
        }

        if (arguments.Flag("json"))
        {
            await console.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new
            {
                path = result.Path,
                databaseBytes = result.DatabaseBytes,
                holdsKey = result.HoldsKey,
                sealedValues = result.SealedValues,
                copyMilliseconds = (long)result.CopyTime.TotalMilliseconds,
            }, CliJson.Options));
        }
        else
        {
            var key = result.HoldsKey ? "and the key-ring key " : "(no key-ring key exists yet) ";
            await console.Out.WriteLineAsync(
                $"Backed up {backup.Locations.DatabasePath} ({result.DatabaseBytes} bytes, integrity ok) {key}to {result.Path} (mode 0600). " +
                "It holds secrets: store it like the key itself.");
        }
        return ExitCodes.Success;
    }
}
