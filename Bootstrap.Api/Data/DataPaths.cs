using Microsoft.Data.Sqlite;

namespace Bootstrap.Api.Data;

/// <summary>
/// Where the files the app keeps (the SQLite database, the claim token, the key-ring key, FirstRun's
/// credential files) land when their setting is a relative path: under systemd's state directory
/// (<c>StateDirectory=</c>, passed as <c>$STATE_DIRECTORY</c>), otherwise under the app's own folder,
/// which both hosts use as their content root. Never under the caller's working directory: a service
/// manager, a shell in another folder and <c>dotnet run</c> would each find a different database.
/// Absolute paths are kept as they are.
/// </summary>
public static class DataPaths
{
    public const string StateDirectoryVariable = "STATE_DIRECTORY";

    /// <summary>The folder relative data paths resolve against.</summary>
    public static string Root =>
        // systemd joins several StateDirectory= entries with ':'; the first is the unit's main one.
        Environment.GetEnvironmentVariable(StateDirectoryVariable)?.Split(':', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
        ?? AppContext.BaseDirectory;

    public static string Resolve(string path) => Path.GetFullPath(path, Root);

    /// <summary>The connection string with its data source resolved; absolute paths, in-memory databases and <c>file:</c> URIs are left alone.</summary>
    public static string ResolveSqliteDataSource(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory
            || builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || Path.IsPathRooted(builder.DataSource))
        {
            return connectionString;
        }
        builder.DataSource = Resolve(builder.DataSource);
        return builder.ToString();
    }
}
