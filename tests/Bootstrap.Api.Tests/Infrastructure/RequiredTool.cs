using System.ComponentModel;
using System.Diagnostics;

namespace Bootstrap.Api.Tests.Infrastructure;

/// <summary>
/// A command-line tool a test cannot do without, from a Debian package test.sh installs (promtool,
/// systemd-analyze). Where it is missing the test fails and says which package to install, rather than
/// being skipped.
/// </summary>
public static class RequiredTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<ProcessResult> RunAsync(string tool, string package, IEnumerable<string> arguments, string? input = null)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = input is not null, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"{tool} is not installed: apt-get install {package} (test.sh does).", exception);
        }

        using (process)
        {
            using var timeout = new CancellationTokenSource(Timeout);
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input);
                process.StandardInput.Close();
            }
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return new ProcessResult(process.ExitCode, await stdout, await stderr);
        }
    }
}
