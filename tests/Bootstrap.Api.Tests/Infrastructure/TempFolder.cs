namespace Bootstrap.Api.Tests.Infrastructure;

/// <summary>A fresh folder under the temp path, deleted with everything in it.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bootstrap-test-{Guid.NewGuid():N}");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public IReadOnlyList<string> FileNames() =>
        Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(Path, f)).Order().ToList();

    /// <summary>The Unix permission bits of a file in this folder (the product targets Linux containers).</summary>
    public static UnixFileMode ModeOf(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException() : System.IO.File.GetUnixFileMode(path);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
