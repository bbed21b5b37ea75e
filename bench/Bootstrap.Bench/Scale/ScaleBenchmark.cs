using System.Diagnostics;
using System.Security.Claims;
using Bootstrap.Api.Auth;
using Bootstrap.Api.Influx.Resources;
using Bootstrap.Bench.Harness;
using Bootstrap.Bench.Load;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Bench.Scale;

/// <summary>
/// Token authentication and <c>GET /api/v2/buckets</c> with 1, 1 000 and 100 000 tokens and buckets:
/// the uncached lookup and the listing in-process (with their query plans), then over HTTP.
/// </summary>
public static class ScaleBenchmark
{
    public static async Task RunAsync(BenchOptions options, Report report, PreparedInstance prepared)
    {
        var lookup = new Dictionary<int, double>();
        var listing = new Dictionary<int, double>();
        var meLatency = new Dictionary<int, double>();
        var bucketsLatency = new Dictionary<int, double>();
        foreach (var size in options.ScaleSizes)
        {
            var folder = Path.Combine(options.WorkDirectory, $"scale-{size}");
            var database = prepared.CopyTo(folder);
            var seeding = Stopwatch.StartNew();
            var secrets = Seeder.Seed(database, extraTokens: size - 1, extraBuckets: size - 1).Append(prepared.OperatorToken).ToArray();
            Console.WriteLine($"  seeded {size} tokens and {size} buckets in {seeding.Elapsed.TotalSeconds:0.0} s");

            var explain = size == options.ScaleSizes.Max();
            (lookup[size], listing[size]) = await InProcessAsync(options, report, database, secrets, prepared.OperatorToken, explain);
            report.Add("scale", $"token lookup in-process (uncached query), {size:N0} tokens", Report.Us(lookup[size]), "median, random tokens");
            report.Add("scale", $"bucket list in-process, instance-wide token, {size:N0} buckets", Report.Us(listing[size]), "median");

            (meLatency[size], bucketsLatency[size]) = await OverHttpAsync(options, report, folder, prepared.OperatorToken, size);
        }

        var (smallest, largest) = (options.ScaleSizes.Min(), options.ScaleSizes.Max());
        report.Add("scale", $"token lookup cost {largest:N0} / {smallest} tokens (flat ≈ 1)", Report.Ratio(lookup[largest] / lookup[smallest]));
        report.Add("scale", $"bucket list cost {largest:N0} / {smallest} buckets (flat ≈ 1)", Report.Ratio(listing[largest] / listing[smallest]));
        report.Add("scale", $"GET /api/v2/me latency {largest:N0} / {smallest} tokens", Report.Ratio(meLatency[largest] / meLatency[smallest]));
        report.Add("scale", $"GET /api/v2/buckets latency {largest:N0} / {smallest} buckets", Report.Ratio(bucketsLatency[largest] / bucketsLatency[smallest]));
    }

    private static async Task<(double Lookup, double Listing)> InProcessAsync(
        BenchOptions options, Report report, string database, string[] secrets, string operatorToken, bool explain)
    {
        using var app = InProcessApp.Create(database);
        var random = new Random(7);

        async Task<TokenMatch?> LookUpAsync(string secret)
        {
            await using var scope = app.Services.CreateAsyncScope();
            // Created, not resolved, so the same bench also runs against builds that do not register it.
            return await ActivatorUtilities.CreateInstance<ApiTokenLookup>(scope.ServiceProvider).FindAsync(Secrets.Hash(secret), CancellationToken.None);
        }

        var operatorMatch = await LookUpAsync(operatorToken) ?? throw new InvalidOperationException("the operator token was not found");
        var instanceWide = BootstrapClaims.CreatePrincipal(operatorMatch.User, operatorMatch.Token, TokenAuthenticationHandler.SchemeName);
        var organizationScoped = BootstrapClaims.CreatePrincipal(operatorMatch.User, OrganizationScoped(operatorMatch.Token), TokenAuthenticationHandler.SchemeName);

        async Task ListAsync(ClaimsPrincipal principal)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var controller = ActivatorUtilities.CreateInstance<InfluxBucketsController>(scope.ServiceProvider);
            controller.ControllerContext = new ControllerContext
            {
                HttpContext = new DefaultHttpContext { User = principal, RequestServices = scope.ServiceProvider },
            };
            await controller.List(null, null, null, null, null, null, null, CancellationToken.None);
        }

        var lookups = new List<double>(options.LookupsPerSize);
        var listings = new List<double>(options.LookupsPerSize / 10);
        var scopedListings = new List<double>(options.LookupsPerSize / 10);
        for (var i = -200; i < options.LookupsPerSize; i++)
        {
            var secret = secrets[random.Next(secrets.Length)];
            var clock = Stopwatch.StartNew();
            if (await LookUpAsync(secret) is null)
            {
                throw new InvalidOperationException("a seeded token was not found");
            }
            if (i >= 0)
            {
                lookups.Add(clock.Elapsed.TotalMicroseconds);
            }
            if (i % 10 == 0)
            {
                clock.Restart();
                await ListAsync(instanceWide);
                var listed = clock.Elapsed;
                clock.Restart();
                await ListAsync(organizationScoped);
                if (i >= 0)
                {
                    listings.Add(listed.TotalMicroseconds);
                    scopedListings.Add(clock.Elapsed.TotalMicroseconds);
                }
            }
        }

        if (explain)
        {
            app.Sql.Enabled = true;
            await LookUpAsync(operatorToken);
            Explain(report, database, "token lookup", app.Sql.Take());
            await ListAsync(instanceWide);
            Explain(report, database, "bucket list (instance-wide token)", app.Sql.Take());
            await ListAsync(organizationScoped);
            Explain(report, database, "bucket list (organization token)", app.Sql.Take());
            app.Sql.Enabled = false;
        }
        report.Add("scale", $"bucket list in-process, organization token, {secrets.Length:N0} buckets", Report.Us(Stats.Median(scopedListings)), "median");
        return (Stats.Median(lookups), Stats.Median(listings));
    }

    /// <summary>The same token limited to its organization, as a PAT or an all-access token is.</summary>
    private static ApiToken OrganizationScoped(ApiToken token) => new()
    {
        Id = token.Id,
        InstanceId = token.InstanceId,
        UserId = token.UserId,
        OrganizationId = token.OrganizationId,
        Kind = TokenKind.AllAccess,
        Description = token.Description,
        SecretHash = token.SecretHash,
    };

    private static void Explain(Report report, string database, string what, IReadOnlyList<CapturedCommand> commands)
    {
        foreach (var command in commands)
        {
            var plan = QueryPlans.Explain(database, command);
            var growing = QueryPlans.GrowingSteps(plan);
            report.Add("scale", $"query plan: {what}", growing.Count == 0 ? "indexed" : "check", string.Join("; ", plan.Select(l => l.Trim())));
            report.Note($"{what} SQL: {command.Text.ReplaceLineEndings(" ")}");
        }
    }

    private static async Task<(double Me, double Buckets)> OverHttpAsync(BenchOptions options, Report report, string folder, string token, int size)
    {
        await using var host = ServerProcess.Start(options.AppDll, BootstrapHost.Settings(folder), Path.Combine(options.WorkDirectory, "scale.log"));
        await host.WaitForOkAsync(BootstrapHost.ProbePath, Stopwatch.StartNew(), TimeSpan.FromMinutes(2));
        using var client = BootstrapHost.AuthenticatedClient(host.BaseAddress, token);

        var me = await SequentialAsync(client, "/api/v2/me", options.SequentialRequests);
        var buckets = await SequentialAsync(client, "/api/v2/buckets", options.SequentialRequests);
        report.Add("scale", $"GET /api/v2/me one at a time, {size:N0} tokens", Report.Ms(me), "median");
        report.Add("scale", $"GET /api/v2/buckets one at a time, {size:N0} buckets", Report.Ms(buckets), "median");

        var meLoad = await Wrk.RunAsync(host, "/api/v2/me", token, options.ScaleLoadDuration, options.WorkDirectory);
        var bucketsLoad = await Wrk.RunAsync(host, "/api/v2/buckets", token, options.ScaleLoadDuration, options.WorkDirectory);
        report.Add("scale", $"GET /api/v2/me requests/s, {size:N0} tokens", Report.Number(meLoad.RequestsPerSecond),
            $"p99 {Report.Ms(meLoad.P99Milliseconds)}, server CPU {Report.Us(meLoad.CpuMicrosecondsPerRequest)}/request");
        report.Add("scale", $"GET /api/v2/buckets requests/s, {size:N0} buckets", Report.Number(bucketsLoad.RequestsPerSecond),
            $"p99 {Report.Ms(bucketsLoad.P99Milliseconds)}, server CPU {Report.Us(bucketsLoad.CpuMicrosecondsPerRequest)}/request");
        return (me, buckets);
    }

    private static async Task<double> SequentialAsync(HttpClient client, string path, int count)
    {
        var timings = new List<double>(count);
        for (var i = -50; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            if (i >= 0)
            {
                timings.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        return Stats.Median(timings);
    }
}
