using System.Runtime.InteropServices;

namespace Bootstrap.Bench.Harness;

/// <summary>The machine the figures come from: cores, CPU model, memory, runtime, and how busy it was.</summary>
public static class Machine
{
    public static Task<string> DescribeAsync()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))["MemTotal:".Length..].Trim()
            : "?";
        return Task.FromResult(
            $"Machine: {Environment.ProcessorCount} cores, {cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, MemTotal {memory}, " +
            $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; load average at start: {LoadAverage()}");
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
