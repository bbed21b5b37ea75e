using System.ComponentModel;
using System.Diagnostics;

namespace Bootstrap.Api.Tests.Infrastructure;

/// <summary>
/// Prometheus's own linter (<c>promtool check metrics</c>, Debian's <c>prometheus</c> package, installed by
/// test.sh). Where it is missing the test fails, saying so, rather than being skipped.
/// </summary>
public static class Promtool
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> CheckMetricsAsync(string exposition)
    {
        var start = new ProcessStartInfo("promtool", "check metrics")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException("promtool is not installed: apt-get install prometheus (test.sh does).", exception);
        }

        using (process)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.StandardInput.WriteAsync(exposition);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return new(process.ExitCode, await output + await errors);
        }
    }
}
