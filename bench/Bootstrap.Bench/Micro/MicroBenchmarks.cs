using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Bootstrap.Bench.Micro;

/// <summary>
/// BenchmarkDotNet over the hot-path pieces. In-process toolchain: BenchmarkDotNet's generated
/// projects do not build under this repository's central package management.
/// </summary>
public static class MicroBenchmarks
{
    public static void Run(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.JoinSummary);
        BenchmarkSwitcher.FromAssembly(typeof(MicroBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
    }
}
