using System.Diagnostics;
using System.Security.Cryptography;
using System.Xml.Linq;
using Bootstrap.Api.Common;
using Bootstrap.Api.Data;
using Bootstrap.Api.KeyRing;
using Bootstrap.Api.OAuth;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bootstrap.Api.Backup;

/// <summary>
/// Backup and restore of a SQLite installation: the database file and the key-ring key, which lives outside
/// it (<see cref="KeyRingKey"/>). Nothing else is needed: API tokens are stored as plain SHA-256 hashes,
/// with no pepper outside the database, and the claim token only matters before setup.
/// <para>
/// The copy is taken with SQLite's online backup API (<see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>)
/// in one step: it reads the pages through one read transaction, so it sees a consistent snapshot with
/// the WAL's committed content, and in WAL mode a reader never blocks the server's writers. Unlike
/// <c>VACUUM INTO</c> it copies pages as they are instead of rebuilding every table and index, and it writes
/// into a file this process created with mode 0600 (<c>VACUUM INTO</c> creates its own with the umask's mode).
/// </para>
/// </summary>
public sealed class SqliteBackup(BackupLocations locations)
{
    /// <summary>The database file and SQLite's companions beside it: any of them makes the target not empty.</summary>
    private static readonly string[] DatabaseFileSuffixes = ["", "-wal", "-shm", "-journal"];

    /// <summary>Where the installation's files are, as the server's own registrations resolve them; null when the database is not a SQLite file.</summary>
    public static SqliteBackup? For(IServiceProvider services)
    {
        var database = services.GetRequiredService<BootstrapDbContext>().Database;
        if (!database.IsSqlite())
        {
            return null;
        }
        var dataSource = new SqliteConnectionStringBuilder(database.GetConnectionString()).DataSource;
        return string.IsNullOrEmpty(dataSource) || dataSource == ":memory:"
            ? null
            : new SqliteBackup(new BackupLocations(Path.GetFullPath(dataSource), services.GetRequiredService<KeyRingKeySource>()));
    }

    public BackupLocations Locations => locations;

    /// <summary>Copies the database online, checks the copy, and commits the archive to <paramref name="output"/>.</summary>
    /// <exception cref="BackupFailedException">The copy failed its integrity check, or the key does not open the key ring.</exception>
    public async Task<BackupResult> CreateAsync(PendingSecretFile output, TimeProvider clock, CancellationToken cancellationToken)
    {
        var keyText = ReadKeyText();
        var workFolder = Directory.CreateTempSubdirectory("bootstrap-backup-");
        try
        {
            var copy = Path.Combine(workFolder.FullName, BackupArchive.DatabaseEntry);
            SqliteFiles.PrepareOwnerOnly(copy);
            var watch = Stopwatch.StartNew();
            await using (var source = Open(locations.DatabasePath))
            await using (var destination = Open(copy))
            {
                source.BackupDatabase(destination);
            }
            var copyTime = watch.Elapsed;
            await using (var destination = Open(copy))
            {
                // One self-contained file: the copy carries no -wal of its own.
                await ExecuteAsync(destination, "PRAGMA journal_mode=DELETE", cancellationToken);
            }
            var check = await CheckAsync(copy, keyText, cancellationToken);
            if (!check.IsSound)
            {
                throw new BackupFailedException($"the copy of {locations.DatabasePath} failed its check: {check.Problem}");
            }
            output.Commit(stream => BackupArchive.Write(stream, copy, keyText, clock.GetUtcNow()));
            return new BackupResult(output.Path, new FileInfo(copy).Length, keyText is not null, check.SealedValues, copyTime);
        }
        finally
        {
            workFolder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Restores into an installation that has neither a database nor a key file yet, then checks the result;
    /// a restore that fails its check leaves nothing behind.
    /// </summary>
    /// <exception cref="InvalidBackupException">The file is not a complete backup.</exception>
    /// <exception cref="BackupTargetExistsException">The database or the key file exists already.</exception>
    /// <exception cref="BackupFailedException">The configured key is not the backup's, or the restored database fails its check.</exception>
    public async Task<RestoreResult> RestoreAsync(string archivePath, CancellationToken cancellationToken)
    {
        var backup = BackupArchive.Verify(archivePath);
        var keyFileNeeded = KeyFileNeeded(backup);
        var existing = DatabaseFileSuffixes.Select(suffix => locations.DatabasePath + suffix)
            .Append(keyFileNeeded ? locations.Key.KeyFile : null)
            .OfType<string>()
            .Where(File.Exists)
            .ToList();
        if (existing.Count > 0)
        {
            throw new BackupTargetExistsException(existing);
        }

        var written = new List<string>();
        try
        {
            using (var database = PendingSecretFile.Reserve(locations.DatabasePath, replaceExisting: false))
            {
                database.Commit(stream => BackupArchive.CopyDatabase(archivePath, stream));
                written.Add(database.Path);
            }
            if (keyFileNeeded)
            {
                using var keyFile = PendingSecretFile.Reserve(locations.Key.KeyFile, replaceExisting: false);
                keyFile.Commit(backup.KeyText!);
                written.Add(keyFile.Path);
            }
            var key = string.IsNullOrEmpty(locations.Key.Key) ? backup.KeyText : locations.Key.Key;
            var check = await CheckAsync(locations.DatabasePath, key, cancellationToken);
            if (!check.IsSound)
            {
                throw new BackupFailedException($"the restored database failed its check: {check.Problem}");
            }
            return new RestoreResult(locations.DatabasePath, keyFileNeeded ? locations.Key.KeyFile : null, backup.CreatedAt, check.SealedValues);
        }
        catch
        {
            foreach (var file in written)
            {
                File.Delete(file);
            }
            throw;
        }
    }

    /// <summary>The key as the server reads it: <c>DataProtection:Key</c>, else the key file; null when neither exists yet.</summary>
    private string? ReadKeyText()
    {
        if (string.IsNullOrEmpty(locations.Key.Key) && !File.Exists(locations.Key.KeyFile))
        {
            return null;
        }
        // Through KeyRingKey, so a malformed key is refused as the server refuses it.
        return Convert.ToBase64String(new KeyRingKey(locations.Key, NullLogger<KeyRingKey>.Instance).Value);
    }

    /// <summary>
    /// A key given in configuration wins over a key file, so the file is written only without one; a configured key
    /// that is not the backup's would leave the restored key ring unreadable.
    /// </summary>
    private bool KeyFileNeeded(VerifiedBackup backup)
    {
        if (string.IsNullOrEmpty(locations.Key.Key))
        {
            return backup.KeyText is not null;
        }
        if (backup.KeyText is not null && !SameKey(locations.Key.Key, backup.KeyText))
        {
            throw new BackupFailedException(
                $"{KeyRingProtection.KeySetting} is set to another key than the backup's: the restored key ring could not be read. " +
                $"Unset it (the backup's key is then written to the key file) or set it to the backup's key.");
        }
        return false;
    }

    private static bool SameKey(string configured, string fromBackup) =>
        CryptographicOperations.FixedTimeEquals(
            new KeyRingKey(new KeyRingKeySource(configured, ""), NullLogger<KeyRingKey>.Instance).Value,
            new KeyRingKey(new KeyRingKeySource(fromBackup, ""), NullLogger<KeyRingKey>.Instance).Value);

    /// <summary>
    /// <c>PRAGMA integrity_check</c>, then every value sealed under the key-ring key (the data-protection keys,
    /// the id_token signing key) opened with <paramref name="keyText"/>: a restore must be able to read them.
    /// </summary>
    private static async Task<DatabaseCheck> CheckAsync(string databasePath, string? keyText, CancellationToken cancellationToken)
    {
        await using var connection = Open(databasePath);
        var integrity = await ExecuteAsync(connection, "PRAGMA integrity_check", cancellationToken);
        if (integrity != "ok")
        {
            return new DatabaseCheck(0, $"integrity_check: {integrity}");
        }
        var sealedValues = new List<(byte[] Value, byte[] AssociatedData)>();
        await foreach (var xml in ReadAsync<string>(connection, """SELECT "Xml" FROM "DataProtectionKeys" WHERE "Xml" IS NOT NULL""", cancellationToken))
        {
            sealedValues.AddRange(XElement.Parse(xml).Descendants(KeyRingXmlEncryptor.ElementName)
                .Select(encrypted => (Convert.FromBase64String((string?)encrypted.Element("value") ?? ""), KeyRingXmlEncryptor.AssociatedData)));
        }
        await foreach (var signingKey in ReadAsync<byte[]>(connection, """SELECT "SealedPrivateKey" FROM "OidcSigningKeys" """, cancellationToken))
        {
            sealedValues.Add((signingKey, IdTokenSigner.AssociatedData));
        }
        if (sealedValues.Count == 0)
        {
            return new DatabaseCheck(0, null);
        }
        if (keyText is null)
        {
            return new DatabaseCheck(0, $"the database holds {sealedValues.Count} value(s) sealed under the key-ring key but there is no key " +
                $"({KeyRingProtection.KeySetting} or {KeyRingProtection.KeyFileSetting}) to open them");
        }
        var key = new KeyRingKey(new KeyRingKeySource(keyText, ""), NullLogger<KeyRingKey>.Instance);
        try
        {
            foreach (var (value, associatedData) in sealedValues)
            {
                CryptographicOperations.ZeroMemory(key.Open(value, associatedData));
            }
        }
        catch (CryptographicException exception)
        {
            return new DatabaseCheck(0, $"the key-ring key does not open the values sealed under it in the database ({exception.Message})");
        }
        return new DatabaseCheck(sealedValues.Count, null);
    }

    private static async IAsyncEnumerable<T> ReadAsync<T>(SqliteConnection connection, string sql,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return reader.GetFieldValue<T>(0);
        }
    }

    private static SqliteConnection Open(string path)
    {
        // ReadWrite, not ReadWriteCreate: a wrong path fails instead of backing up a new empty database.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static async Task<string?> ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync(cancellationToken))?.ToString();
    }

    private sealed record DatabaseCheck(int SealedValues, string? Problem)
    {
        public bool IsSound => Problem is null;
    }
}

/// <summary>The SQLite file and where the key-ring key comes from, as the server's configuration places them.</summary>
public sealed record BackupLocations(string DatabasePath, KeyRingKeySource Key);

/// <param name="SealedValues">How many values sealed under the key-ring key (data-protection keys, the id_token signing key) the backup's key was checked to open.</param>
/// <param name="CopyTime">How long the online copy held its read transaction on the server's database.</param>
public sealed record BackupResult(string Path, long DatabaseBytes, bool HoldsKey, int SealedValues, TimeSpan CopyTime);

/// <param name="KeyFile">The key file written, or null when the key comes from configuration or the backup held none.</param>
public sealed record RestoreResult(string DatabasePath, string? KeyFile, DateTimeOffset BackupCreatedAt, int SealedValues);

/// <summary>A backup or restore that ran and did not produce a sound result.</summary>
public sealed class BackupFailedException(string message) : Exception(message);

/// <summary>Restore goes into an empty installation only: these files exist already.</summary>
public sealed class BackupTargetExistsException(IReadOnlyList<string> existing)
    : IOException($"restore needs an empty installation, but {string.Join(", ", existing)} exist(s) already; move them away first")
{
    public IReadOnlyList<string> Existing { get; } = existing;
}
