using System.Diagnostics;
using Bootstrap.Bench.Harness;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Security;
using Bootstrap.Domain.Setup;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bootstrap.Bench.SetupCost;

/// <summary>
/// The parts of a first run, timed in-process and warm: Identity's password hash, an RSA-2048 key
/// pair, the transaction (with hashing stubbed out), and <see cref="SetupService"/> as a whole.
/// </summary>
public static class SetupCostBenchmark
{
    private const string Password = "bench-password-1";

    private static readonly SetupContext Context = new(SetupChannel.Api, "127.0.0.1");

    private static readonly SetupCommand InfluxShaped = new("bench", new AdminSpec("admin", null, Password), new BucketSpec("bench", 0));

    private static readonly SetupCommand WithMachineKey = new(
        "bench",
        new AdminSpec("admin", "admin@example.com", Password),
        new BucketSpec("bench", 0),
        new MachineSpec("machine", "Machine", PatExpiresAt: null, MachineKey: true, MachineKeyExpiresAt: null));

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var template = Path.Combine(options.WorkDirectory, "setup-template.db");
        var database = Path.Combine(options.WorkDirectory, "setup-run.db");
        await InProcessApp.CreateMigratedDatabaseAsync(template);

        using var app = InProcessApp.Create(database);
        using var unhashed = InProcessApp.Create(database, services =>
            services.Replace(ServiceDescriptor.Singleton<IPasswordHasher<User>, UnhashedPasswords>()));
        var hasher = app.Services.GetRequiredService<IPasswordHasher<User>>();

        var hashing = new List<double>();
        var keys = new List<double>();
        var transaction = new List<double>();
        var influx = new List<double>();
        var whole = new List<double>();
        for (var run = 0; run <= options.SetupRuns; run++)
        {
            var measured = run > 0;
            var clock = Stopwatch.StartNew();
            hasher.HashPassword(new User(), Password);
            Record(measured, hashing, clock);

            clock.Restart();
            MachineKeyMaterial.Generate();
            Record(measured, keys, clock);

            Record(measured, transaction, await TimeSetupAsync(unhashed, template, database, InfluxShaped));
            Record(measured, influx, await TimeSetupAsync(app, template, database, InfluxShaped));
            Record(measured, whole, await TimeSetupAsync(app, template, database, WithMachineKey));
        }

        report.Add("setup", "password hash (Identity PasswordHasher V3)", Report.Ms(Stats.Median(hashing)), Spread(hashing));
        report.Add("setup", "RSA-2048 key pair", Report.Ms(Stats.Median(keys)), Spread(keys));
        report.Add("setup", "transaction (SetupService, hashing stubbed, no key)", Report.Ms(Stats.Median(transaction)), Spread(transaction));
        report.Add("setup", "SetupService, InfluxDB-shaped (hash + transaction)", Report.Ms(Stats.Median(influx)), Spread(influx));
        report.Add("setup", "SetupService, native with machine user + key", Report.Ms(Stats.Median(whole)), Spread(whole));
    }

    private static async Task<Stopwatch> TimeSetupAsync(InProcessApp app, string template, string database, SetupCommand command)
    {
        InProcessApp.CopyDatabase(template, database);
        var clock = Stopwatch.StartNew();
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SetupService>().CompleteFirstRunAsync(command, Context);
        clock.Stop();
        return clock;
    }

    private static void Record(bool measured, List<double> into, Stopwatch clock)
    {
        if (measured)
        {
            into.Add(clock.Elapsed.TotalMilliseconds);
        }
    }

    private static string Spread(List<double> values) =>
        $"median of {values.Count} warm runs; p90 {Report.Ms(Stats.Percentile(values, 90))}";

    /// <summary>Takes hashing out of the timing so what remains is the transaction.</summary>
    private sealed class UnhashedPasswords : IPasswordHasher<User>
    {
        public string HashPassword(User user, string password) => "unhashed";

        public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword) =>
            PasswordVerificationResult.Failed;
    }
}
