using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Bootstrap.Bench.Harness;

namespace Bootstrap.Bench.Load;

public sealed record WrkResult(double RequestsPerSecond, double P50Milliseconds, double P99Milliseconds, long Requests, long FailedResponses)
{
    /// <summary>The server's CPU time per request during the run, when it was measured.</summary>
    public double CpuMicrosecondsPerRequest { get; init; } = double.NaN;
}

/// <summary>
/// Drives wrk against a loopback URL. The token reaches wrk through its environment and a Lua
/// script, so it never appears on a command line or in the output.
/// </summary>
public static partial class Wrk
{
    public const int Connections = 32;
    public const int Threads = 2;

    private const string Script = """
        local token = os.getenv("BENCH_TOKEN")
        if token ~= nil and token ~= "" then
          wrk.headers["Authorization"] = "Token " .. token
        end
        """;

    /// <summary>Runs wrk and charges <paramref name="server"/>'s CPU time over the run to the requests it served.</summary>
    public static async Task<WrkResult> RunAsync(ServerProcess server, string path, string? token, TimeSpan duration, string workFolder)
    {
        var before = server.CpuTime();
        var result = await RunAsync(new Uri(server.BaseAddress, path), token, duration, workFolder);
        var cpu = server.CpuTime() - before;
        return result with { CpuMicrosecondsPerRequest = cpu.TotalMicroseconds / Math.Max(1, result.Requests) };
    }

    public static async Task<WrkResult> RunAsync(Uri url, string? token, TimeSpan duration, string workFolder)
    {
        if (!url.IsLoopback)
        {
            throw new ArgumentException("load is only ever sent to loopback addresses", nameof(url));
        }
        var scriptPath = Path.Combine(workFolder, "token.lua");
        if (!File.Exists(scriptPath))
        {
            await File.WriteAllTextAsync(scriptPath, Script);
        }

        var start = new ProcessStartInfo("wrk")
        {
            ArgumentList =
            {
                $"-t{Threads}", $"-c{Connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", "-s", scriptPath, url.ToString(),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["BENCH_TOKEN"] = token ?? string.Empty;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {errors}");
        }
        return Parse(output);
    }

    internal static WrkResult Parse(string output)
    {
        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var failed = NonSuccess().Match(output) is { Success: true } match ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socketErrors = SocketErrors().Match(output);
        if (socketErrors.Success)
        {
            failed += Enumerable.Range(1, 4).Sum(i => long.Parse(socketErrors.Groups[i].Value, CultureInfo.InvariantCulture));
        }
        var requests = long.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        return new WrkResult(rps, Latency(output, "50"), Latency(output, "99"), requests, failed);
    }

    private static double Latency(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => value / 1000,
            "s" => value * 1000,
            _ => value,
        };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
