using System.Diagnostics;
using Bootstrap.Bench.ColdStart;
using Bootstrap.Bench.Harness;
using Bootstrap.Bench.Load;
using Bootstrap.Bench.Memory;
using Bootstrap.Bench.Micro;
using Bootstrap.Bench.Scale;
using Bootstrap.Bench.SetupCost;

if (args.FirstOrDefault() == "micro")
{
    MicroBenchmarks.Run(args[1..]);
    return 0;
}
if (args.FirstOrDefault() != "run")
{
    Console.Error.WriteLine("usage: Bootstrap.Bench run --app <Bootstrap.Web.dll> --baseline <Baseline.dll> [--quick] [--only sections] [--app-env KEY=VALUE]... [--work dir] [--results file]");
    Console.Error.WriteLine("       Bootstrap.Bench micro [BenchmarkDotNet arguments]");
    return 2;
}

var options = BenchOptions.Parse(args[1..]);
BootstrapHost.Overrides = options.AppEnvironment;
Directory.CreateDirectory(options.WorkDirectory);
var report = new Report(options);
var machine = await Machine.DescribeAsync();
if (options.AppEnvironment.Count > 0)
{
    machine += $"; Bootstrap host settings under test: {string.Join(", ", options.AppEnvironment.Select(e => $"{e.Key}={e.Value}"))}";
}
Console.WriteLine(machine);

var total = Stopwatch.StartNew();
Console.WriteLine("Preparing a set-up instance...");
var prepared = await PreparedInstance.CreateAsync(options);
if (options.Runs("coldstart"))
{
    Console.WriteLine("Cold start...");
    await RunSectionAsync("coldstart", () => ColdStartBenchmark.RunAsync(options, report, prepared));
}
if (options.Runs("setup"))
{
    Console.WriteLine("Setup cost...");
    await RunSectionAsync("setup", () => SetupCostBenchmark.RunAsync(options, report));
}
if (options.Runs("throughput"))
{
    Console.WriteLine("Throughput...");
    await RunSectionAsync("throughput", () => ThroughputBenchmark.RunAsync(options, report, prepared));
}
if (options.Runs("scale"))
{
    Console.WriteLine("Scale...");
    await RunSectionAsync("scale", () => ScaleBenchmark.RunAsync(options, report, prepared));
}
if (options.Runs("memory"))
{
    Console.WriteLine("Memory...");
    await RunSectionAsync("memory", () => MemoryBenchmark.RunAsync(options, report, prepared));
}

async Task RunSectionAsync(string section, Func<Task> run)
{
    try
    {
        await run();
    }
    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or TimeoutException or InvalidOperationException)
    {
        // One section overwhelmed by a busy machine should not cost the figures of the others.
        report.Note($"{section} stopped early: {exception.GetType().Name}: {exception.Message}");
    }
}

report.Note($"load average at the end: {Machine.LoadAverage()} (other work on the machine makes the figures noisier)");
report.Note($"bench took {total.Elapsed.TotalMinutes:0.0} min");
await report.WriteAsync(machine);
return 0;
