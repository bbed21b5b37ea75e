using System.Diagnostics;

namespace Bootstrap.Bench.Harness;

/// <summary>A database that the real host migrated and set up, copied by every section that needs an existing instance.</summary>
public sealed record PreparedInstance(string DatabasePath, string OperatorToken)
{
    public static async Task<PreparedInstance> CreateAsync(BenchOptions options)
    {
        var folder = Path.Combine(options.WorkDirectory, "prepared");
        Directory.CreateDirectory(folder);
        await using (var host = ServerProcess.Start(options.AppDll, BootstrapHost.Settings(folder), Path.Combine(options.WorkDirectory, "prepared.log")))
        {
            await host.WaitForOkAsync(BootstrapHost.ProbePath, Stopwatch.StartNew(), TimeSpan.FromMinutes(2));
            var token = await BootstrapHost.SetUpAsync(host.BaseAddress);
            return new PreparedInstance(BootstrapHost.DatabasePath(folder), token);
        }
    }

    /// <summary>A new data folder holding a copy of this instance's database.</summary>
    public string CopyTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var target = BootstrapHost.DatabasePath(folder);
        InProcessApp.CopyDatabase(DatabasePath, target);
        return target;
    }
}
