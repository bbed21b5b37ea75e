using Microsoft.Data.Sqlite;

namespace Bootstrap.Api.Tests.Infrastructure;

/// <summary>A fresh folder for a database file and the working directory of app processes; deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("bootstrap-test-").FullName;

    public string DatabasePath => System.IO.Path.Combine(Path, "bootstrap.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
