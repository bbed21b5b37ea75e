using System.Text;

namespace Bootstrap.Api.Common;

/// <summary>
/// A file that will receive a secret (operator token, PAT, machine key). It is reserved before the
/// secret exists: an unwritable path then fails before anything irreversible happens. The content
/// goes to a sibling file created with mode 0600 and is renamed into place, so the secret is never
/// readable by others, not even for a moment, and a reader never sees a half-written file.
/// A file that exists already is replaced only when the caller says so (the CLI's <c>--force</c>).
/// </summary>
public sealed class PendingSecretFile : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string _stagingPath;
    private readonly bool _replaceExisting;
    private bool _committed;

    private PendingSecretFile(string path, string stagingPath, bool replaceExisting)
    {
        Path = path;
        _stagingPath = stagingPath;
        _replaceExisting = replaceExisting;
    }

    /// <summary>The full path the secret ends up at.</summary>
    public string Path { get; }

    /// <param name="replaceExisting">Whether <see cref="Commit"/> may replace a file that is there already; <see cref="CommitIfAbsent"/> never does.</param>
    /// <exception cref="SecretFileExistsException">The file exists and <paramref name="replaceExisting"/> is false.</exception>
    /// <exception cref="IOException">The path is a folder, or its folder cannot be created or written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static PendingSecretFile Reserve(string path, bool replaceExisting)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            throw new IOException($"'{fullPath}' is a folder.");
        }
        if (!replaceExisting && File.Exists(fullPath))
        {
            throw new SecretFileExistsException(fullPath);
        }
        var folder = System.IO.Path.GetDirectoryName(fullPath)!;
        CreateOwnerOnlyFolder(folder);
        var stagingPath = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        using (OpenOwnerOnly(stagingPath))
        {
        }
        return new PendingSecretFile(fullPath, stagingPath, replaceExisting);
    }

    /// <summary>A folder that does not exist yet is created readable by its owner only (0700); an existing one is left as it is.</summary>
    public static void CreateOwnerOnlyFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
        }
    }

    /// <exception cref="SecretFileExistsException">A file appeared at the path since it was reserved, and it may not be replaced.</exception>
    public void Commit(string content) => Commit(stream => stream.Write(Encoding.UTF8.GetBytes(content)));

    /// <summary>The same for content written by <paramref name="writeContent"/> (a binary file, an archive), never held in memory whole.</summary>
    /// <exception cref="SecretFileExistsException">A file appeared at the path since it was reserved, and it may not be replaced.</exception>
    public void Commit(Action<Stream> writeContent)
    {
        WriteStaged(writeContent);
        try
        {
            File.Move(_stagingPath, Path, overwrite: _replaceExisting);
        }
        catch (IOException) when (!_replaceExisting && File.Exists(Path))
        {
            throw new SecretFileExistsException(Path);
        }
        _committed = true;
    }

    /// <summary>
    /// Moves the content into place only if no file is there yet, atomically: when two processes
    /// create the same file at once, exactly one wins and the other reads the winner's content.
    /// </summary>
    /// <returns>false if a file was there already (the staged content is discarded).</returns>
    public bool CommitIfAbsent(string content)
    {
        WriteStaged(stream => stream.Write(Encoding.UTF8.GetBytes(content)));
        try
        {
            File.Move(_stagingPath, Path, overwrite: false);
        }
        catch (IOException) when (File.Exists(Path))
        {
            return false;
        }
        _committed = true;
        return true;
    }

    private void WriteStaged(Action<Stream> writeContent)
    {
        using var stream = OpenOwnerOnly(_stagingPath, FileMode.Truncate);
        writeContent(stream);
        stream.Flush(flushToDisk: true);
    }

    public void Dispose()
    {
        if (!_committed)
        {
            File.Delete(_stagingPath);
        }
    }

    private static FileStream OpenOwnerOnly(string path, FileMode mode = FileMode.CreateNew)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows() && mode == FileMode.CreateNew)
        {
            options.UnixCreateMode = OwnerOnly;
        }
        return new FileStream(path, options);
    }
}

/// <summary>A secret file would replace one that is there already, and the caller did not allow it.</summary>
public sealed class SecretFileExistsException(string path) : IOException($"'{path}' exists already")
{
    public string Path { get; } = path;
}
