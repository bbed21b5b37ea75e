using Bootstrap.Api.Common;

namespace Bootstrap.Api.Data;

/// <summary>
/// Keeps the SQLite database readable by its owner only. SQLite creates the <c>-wal</c> and <c>-shm</c>
/// files with the database file's mode, so the database file is created (empty, which SQLite takes
/// as a new database) with mode 0600 before anything opens it; a missing folder is created 0700.
/// Files left readable by an earlier version are tightened; an existing folder is the operator's
/// and keeps its mode (it may be a mount shared with other things).
/// </summary>
public static class SqliteFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly string[] Companions = ["-wal", "-shm", "-journal"];

    /// <param name="dataSource">The connection string's data source: a path, or <c>:memory:</c>.</param>
    public static void PrepareOwnerOnly(string dataSource)
    {
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:")
        {
            return;
        }
        var path = Path.GetFullPath(dataSource);
        PendingSecretFile.CreateOwnerOnlyFolder(Path.GetDirectoryName(path)!);
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        if (!File.Exists(path))
        {
            try
            {
                using (new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }))
                {
                }
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process (a second instance on the same file) created it first.
            }
        }
        foreach (var file in Companions.Select(suffix => path + suffix).Prepend(path).Where(File.Exists))
        {
            if ((File.GetUnixFileMode(file) & ~OwnerOnly) != 0)
            {
                File.SetUnixFileMode(file, File.GetUnixFileMode(file) & OwnerOnly);
            }
        }
    }
}
