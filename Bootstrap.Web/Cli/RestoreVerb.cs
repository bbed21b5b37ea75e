using Bootstrap.Api.Backup;

namespace Bootstrap.Web.Cli;

/// <summary><c>restore</c>: a file written by <c>backup</c>, into an installation that has no database and no key file yet.</summary>
public sealed class RestoreVerb : ICliVerb
{
    public string Name => "restore";

    public string Summary => "Restore a backup file into an empty data folder (no database, no key file yet).";

    public string Description => $"""
        Checks the whole file first (every entry against the SHA-256 in its manifest: a truncated or
        damaged file is refused before anything is written), then writes the database to the
        configured SQLite path (ConnectionStrings:Bootstrap) and the key-ring key to the key file
        (DataProtection:KeyFile; not written when DataProtection:Key is set, which must then be the
        backup's key), both with mode 0600, and checks the result with PRAGMA integrity_check and
        by opening the key ring. It never replaces anything: when the database or the key file
        exists, it refuses; move them away first. Run it with the server stopped, then start the
        server on the restored folder.

        Example:
          {BootstrapCli.ToolName} restore --from /var/backups/bootstrap-2026-11-30.tar
        """;

    public IReadOnlyList<CliOption> Options { get; } =
    [
        new("from", "FILE", "The backup file to restore (required)."),
        new("json", null, "Print {databasePath, keyFile, backupCreatedAt, sealedValues} as JSON."),
    ];

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var from = arguments.Required("from");
        if (!File.Exists(from))
        {
            throw new CliUsageException($"--from: there is no file '{Path.GetFullPath(from)}'");
        }
        await using var host = OfflineHost.Open();
        if (SqliteBackup.For(host.Services) is not { } backup)
        {
            await console.Error.WriteLineAsync(
                "restore: the database is not a SQLite file (Database:Provider=Postgres): restore a pg_dump with 'pg_restore' into an " +
                "empty database and put the key-ring key back; see docs/operations.md.");
            return ExitCodes.Usage;
        }

        RestoreResult result;
        try
        {
            result = await backup.RestoreAsync(from, cancellationToken);
        }
        catch (InvalidBackupException exception)
        {
            await console.Error.WriteLineAsync($"restore: {exception.Message} Nothing was restored.");
            return ExitCodes.InvalidInput;
        }
        catch (BackupTargetExistsException exception)
        {
            await console.Error.WriteLineAsync($"restore: {exception.Message}. Nothing was restored.");
            return ExitCodes.Usage;
        }
        catch (BackupFailedException exception)
        {
            await console.Error.WriteLineAsync($"restore: {exception.Message}. Nothing was restored.");
            return ExitCodes.Failure;
        }

        if (arguments.Flag("json"))
        {
            await console.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new
            {
                databasePath = result.DatabasePath,
                keyFile = result.KeyFile,
                backupCreatedAt = result.BackupCreatedAt,
                sealedValues = result.SealedValues,
            }, CliJson.WithNulls));
        }
        else
        {
            var key = result.KeyFile is null ? "" : $" and the key-ring key to {result.KeyFile}";
            await console.Out.WriteLineAsync(
                $"Restored the backup of {result.BackupCreatedAt:u} to {result.DatabasePath}{key} (mode 0600; integrity ok, " +
                $"{result.SealedValues} value(s) sealed under the key-ring key open). Start the server on it.");
        }
        return ExitCodes.Success;
    }
}
