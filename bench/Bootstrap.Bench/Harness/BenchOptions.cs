namespace Bootstrap.Bench.Harness;

/// <summary>What <c>bench/run.sh</c> passes: where the built hosts are, and how long to measure.</summary>
public sealed record BenchOptions(
    bool Quick,
    string AppDll,
    string? PublishedAppDll,
    string BaselineDll,
    string WorkDirectory,
    string ResultsPath,
    IReadOnlySet<string> Sections,
    IReadOnlyDictionary<string, string> AppEnvironment)
{
    public static readonly string[] AllSections = ["coldstart", "setup", "throughput", "scale", "memory"];

    public int ColdStartRuns => Quick ? 3 : 7;
    public int LoadRepeats => Quick ? 1 : 3;
    public TimeSpan LoadDuration => TimeSpan.FromSeconds(Quick ? 5 : 10);
    public TimeSpan WarmupDuration => TimeSpan.FromSeconds(Quick ? 2 : 3);
    public TimeSpan ScaleLoadDuration => TimeSpan.FromSeconds(Quick ? 3 : 5);
    public int SequentialRequests => Quick ? 300 : 1000;
    public int SetupRuns => Quick ? 5 : 15;
    public int LookupsPerSize => Quick ? 2_000 : 10_000;
    public IReadOnlyList<int> ScaleSizes { get; } = [1, 1_000, 100_000];

    public bool Runs(string section) => Sections.Contains(section);

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var quick = false;
        string? app = null, published = null, baseline = null, work = null, results = null;
        IReadOnlySet<string> sections = new HashSet<string>(AllSections);
        var environment = new Dictionary<string, string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "--app": app = args[++i]; break;
                case "--published": published = args[++i]; break;
                case "--baseline": baseline = args[++i]; break;
                case "--work": work = args[++i]; break;
                case "--results": results = args[++i]; break;
                case "--app-env":
                    var (key, value) = args[++i].Split('=', 2) is [var k, var v] ? (k, v) : throw new ArgumentException("--app-env takes KEY=VALUE");
                    environment[key] = value;
                    break;
                case "--only": sections = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(); break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }
        var unknown = sections.Except(AllSections).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown section(s) {string.Join(", ", unknown)}; known: {string.Join(", ", AllSections)}");
        }
        return new BenchOptions(
            quick,
            app ?? throw new ArgumentException("--app <Bootstrap.Web.dll> is required"),
            published,
            baseline ?? throw new ArgumentException("--baseline <Bootstrap.Bench.Baseline.dll> is required"),
            work ?? Path.Combine(Path.GetTempPath(), $"bootstrap-bench-{Environment.ProcessId}"),
            results ?? "bench-results.md",
            sections,
            environment);
    }
}
