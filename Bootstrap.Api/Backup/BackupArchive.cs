using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Bootstrap.Api.Backup;

/// <summary>
/// A backup as one tar file, readable with <c>tar</c> itself: <c>manifest.json</c> first (the size and SHA-256
/// of every other entry), then <c>bootstrap.db</c> and, when there is one, <c>data-protection.key</c>. The
/// manifest is what makes a truncated or altered file fail before anything is restored from it.
/// </summary>
internal static class BackupArchive
{
    public const string DatabaseEntry = "bootstrap.db";
    public const string KeyEntry = "data-protection.key";
    private const string ManifestEntry = "manifest.json";
    private const int CurrentFormat = 1;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Write(Stream output, string databaseCopy, string? keyText, DateTimeOffset createdAt)
    {
        var keyBytes = keyText is null ? null : Encoding.UTF8.GetBytes(keyText);
        var entries = new List<BackupManifestEntry>();
        using (var database = File.OpenRead(databaseCopy))
        {
            entries.Add(new(DatabaseEntry, database.Length, Convert.ToHexStringLower(SHA256.HashData(database))));
        }
        if (keyBytes is not null)
        {
            entries.Add(new(KeyEntry, keyBytes.Length, Convert.ToHexStringLower(SHA256.HashData(keyBytes))));
        }
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new BackupManifest(CurrentFormat, createdAt, entries), Json);

        using var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        WriteEntry(tar, ManifestEntry, new MemoryStream(manifest), createdAt);
        using (var database = File.OpenRead(databaseCopy))
        {
            WriteEntry(tar, DatabaseEntry, database, createdAt);
        }
        if (keyBytes is not null)
        {
            WriteEntry(tar, KeyEntry, new MemoryStream(keyBytes), createdAt);
        }
    }

    /// <summary>Reads the whole file and checks every entry against the manifest.</summary>
    /// <exception cref="InvalidBackupException">Not a tar, truncated, altered, or not a backup of this format.</exception>
    public static VerifiedBackup Verify(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            using var tar = new TarReader(file);
            if (tar.GetNextEntry() is not { Name: ManifestEntry, DataStream: { } manifestData })
            {
                throw Invalid(path, $"it does not start with {ManifestEntry}");
            }
            var manifest = JsonSerializer.Deserialize<BackupManifest>(manifestData, Json);
            if (manifest is not { Format: CurrentFormat, Entries: { } expected } || !expected.Any(e => e.Name == DatabaseEntry))
            {
                throw Invalid(path, $"its manifest is not a format-{CurrentFormat} Bootstrap backup manifest");
            }
            string? keyText = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (tar.GetNextEntry() is { } entry)
            {
                var listed = expected.FirstOrDefault(e => e.Name == entry.Name) ?? throw Invalid(path, $"'{entry.Name}' is not in its manifest");
                using var content = new MemoryStream();
                using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
                {
                    var data = entry.DataStream ?? Stream.Null;
                    var buffer = new byte[81920];
                    long size = 0;
                    for (int read; (read = data.Read(buffer)) > 0; size += read)
                    {
                        hash.AppendData(buffer, 0, read);
                        if (entry.Name == KeyEntry)
                        {
                            content.Write(buffer, 0, read);
                        }
                    }
                    if (size != listed.Size || Convert.ToHexStringLower(hash.GetHashAndReset()) != listed.Sha256)
                    {
                        throw Invalid(path, $"'{entry.Name}' does not match its size and SHA-256 in the manifest");
                    }
                }
                if (entry.Name == KeyEntry)
                {
                    keyText = Encoding.UTF8.GetString(content.ToArray());
                }
                seen.Add(entry.Name);
            }
            if (expected.FirstOrDefault(e => !seen.Contains(e.Name)) is { } missing)
            {
                throw Invalid(path, $"'{missing.Name}' is missing (a truncated file?)");
            }
            return new VerifiedBackup(manifest.CreatedAt, keyText);
        }
        catch (Exception exception) when (exception is EndOfStreamException or InvalidDataException or FormatException or JsonException or ArgumentException)
        {
            throw Invalid(path, $"it is truncated or damaged ({exception.Message.TrimEnd('.')})");
        }
    }

    /// <summary>Copies the database entry of a file <see cref="Verify"/> accepted.</summary>
    public static void CopyDatabase(string path, Stream destination)
    {
        using var file = File.OpenRead(path);
        using var tar = new TarReader(file);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name == DatabaseEntry)
            {
                entry.DataStream?.CopyTo(destination);
                return;
            }
        }
        throw Invalid(path, $"it has no {DatabaseEntry}");
    }

    private static void WriteEntry(TarWriter tar, string name, Stream content, DateTimeOffset modified)
    {
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = content, Mode = OwnerOnly, ModificationTime = modified });
    }

    private static InvalidBackupException Invalid(string path, string reason) =>
        new($"'{Path.GetFullPath(path)}' is not a usable Bootstrap backup: {reason}.");

    private sealed record BackupManifest(int Format, DateTimeOffset CreatedAt, IReadOnlyList<BackupManifestEntry> Entries);

    private sealed record BackupManifestEntry(string Name, long Size, string Sha256);
}

/// <summary>A backup file whose entries all match its manifest; <see cref="KeyText"/> is the key file's content, if it holds one.</summary>
internal sealed record VerifiedBackup(DateTimeOffset CreatedAt, string? KeyText);

/// <summary>The file given to restore is not a complete backup (truncated, damaged, or something else entirely).</summary>
public sealed class InvalidBackupException(string message) : Exception(message);
