using System.Diagnostics;

namespace Bootstrap.Api.Tests.Infrastructure;

/// <summary>The official JavaScript clients in <c>tests/clients</c> (installed by <c>npm ci</c>, which ./test.sh runs), run with node.</summary>
public static class NodeClients
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string script, params string[] arguments)
    {
        var folder = Folder();
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules")), $"run 'npm ci --prefix {folder}' first (./test.sh does)");
        var node = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        node.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            node.ArgumentList.Add(argument);
        }
        using var process = Process.Start(node)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Result(process.ExitCode, $"{await stdout}\n{await stderr}");
    }

    private static string Folder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "clients");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("tests/clients not found above " + AppContext.BaseDirectory);
    }
}
