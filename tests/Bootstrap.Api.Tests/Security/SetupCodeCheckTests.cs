using System.Diagnostics.Metrics;
using System.Net;
using Bootstrap.Api.Tests.Headless;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Security;
using Bootstrap.Domain.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.Tests.Security;

/// <summary><c>POST /api/setup/claim/verify</c>: the wizard's claim step checks the setup code without using it up.</summary>
public sealed class SetupCodeCheckTests : IDisposable
{
    private const string VerifyPath = "/api/setup/claim/verify";

    private readonly TempFolder _folder = new();

    private string CodePath => _folder.File("setup-token");

    public void Dispose() => _folder.Dispose();

    private Task<BootstrapApiFactory> RemoteAppAsync(DatabaseProvider provider, string mode = "LoopbackExempt", int claimFailures = 10, System.Net.IPAddress? peer = null) =>
        BootstrapApiFactory.OnAsync(provider, RemotePeerStartupFilter.Install(peer), new Dictionary<string, string?>
        {
            ["Setup:ClaimMode"] = mode,
            ["Setup:ClaimTokenPath"] = CodePath,
            ["RateLimits:ClaimFailuresPerMinute"] = claimFailures.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private static Task<HttpResponseMessage> VerifyAsync(HttpClient client, string? code)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, VerifyPath);
        if (code is not null)
        {
            request.Headers.Add("X-Setup-Token", code);
        }
        return client.SendAsync(request);
    }

    private static HttpRequestMessage NativeSetup(string code)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/setup") { Content = System.Net.Http.Json.JsonContent.Create(Requests.NativeSetup(withMachine: false)) };
        request.Headers.Add("X-Setup-Token", code);
        return request;
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task WrongSetupCode_ShouldAnswer401InTheNativeFormat_AndCountAsAFailedClaim(DatabaseProvider provider)
    {
        await using var app = await RemoteAppAsync(provider);
        var client = app.CreateClient();
        using var failures = new ClaimFailureCounter(app);

        var wrong = await VerifyAsync(client, "wrong-code");
        var missing = await VerifyAsync(client, null);

        foreach (var response in new[] { wrong, missing })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.ReadJsonAsync();
            Assert.Equal(401, problem.GetProperty("status").GetInt32());
            var detail = problem.GetProperty("detail").GetString()!;
            Assert.Contains("setup code", detail);
            Assert.DoesNotContain("claim token", detail);
        }
        var audit = await app.QueryAsync(db => db.AuditEvents.IgnoreQueryFilters().Where(a => a.Action == "setup.claim.failed").ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal(RemotePeerStartupFilter.Remote.ToString(), a.RemoteAddress));
        Assert.Equal(2, failures.Count);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task WrongSetupCodes_ShouldShareTheClaimFailureLimitWithEverySetupDoor(DatabaseProvider provider)
    {
        await using var app = await RemoteAppAsync(provider, claimFailures: 3);
        var client = app.CreateClient();
        var code = (await File.ReadAllTextAsync(CodePath)).Trim();

        var statuses = new List<HttpStatusCode>
        {
            (await VerifyAsync(client, "guess-1")).StatusCode,
            (await client.SendAsync(NativeSetup("guess-2"))).StatusCode,
            (await VerifyAsync(client, "guess-3")).StatusCode,
        };
        var limited = await VerifyAsync(client, "guess-4");
        var limitedSetup = await client.SendAsync(NativeSetup("guess-5"));

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(429, (await limited.ReadJsonAsync()).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.TooManyRequests, limitedSetup.StatusCode);
        // The limiter counts failures only: the right code still gets through, as it does on the setup doors.
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(client, code)).StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task RightSetupCode_ShouldBeAcceptedWithoutBeingUsedUp_UntilSetupIsDone(DatabaseProvider provider)
    {
        await using var app = await RemoteAppAsync(provider, mode: "Required");
        var client = app.CreateClient();
        var code = (await File.ReadAllTextAsync(CodePath)).Trim();

        var verified = await VerifyAsync(client, code);

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.True((await verified.ReadJsonAsync()).GetProperty("required").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(client, code)).StatusCode);
        Assert.True(File.Exists(CodePath));
        var hash = await app.QueryAsync(db => db.Instances.Where(i => i.Id == Instance.FirstId).Select(i => i.ClaimTokenHash).SingleAsync());
        Assert.True(hash is not null && Secrets.HashEquals(hash, code));

        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(NativeSetup(code))).StatusCode);

        var afterSetup = await VerifyAsync(client, code);
        Assert.Equal(HttpStatusCode.Conflict, afterSetup.StatusCode);
        Assert.Equal("Setup has already been completed.", (await afterSetup.ReadJsonAsync()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await VerifyAsync(client, "wrong-code")).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.AuditEvents.IgnoreQueryFilters().CountAsync(a => a.Action == "setup.claim.failed")));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SetupCodeCheck_ShouldSayNoCodeIsRequired_ForALoopbackCallerInLoopbackExemptMode(DatabaseProvider provider)
    {
        await using var app = await RemoteAppAsync(provider, peer: IPAddress.Loopback);

        var response = await VerifyAsync(app.CreateClient(), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await response.ReadJsonAsync()).GetProperty("required").GetBoolean());
    }

    [Fact]
    public async Task SetupCodeCheck_ShouldSayNoCodeIsRequired_WhenClaimProtectionIsDisabled()
    {
        await using var app = await RemoteAppAsync(DatabaseProvider.Sqlite, mode: "Disabled");

        var response = await VerifyAsync(app.CreateClient(), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await response.ReadJsonAsync()).GetProperty("required").GetBoolean());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SetupCodeLogLine_ShouldAppearOncePerStartWithTheAbsolutePath_AndNeverTheCode(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        // Relative, as in appsettings.json: the line must name the file the server really resolved it to.
        var relative = Path.Combine($"setup-code-test-{Guid.NewGuid():N}", "setup-token");
        var settings = new Dictionary<string, string?> { ["Setup:ClaimMode"] = "Required", ["Setup:ClaimTokenPath"] = relative };
        string? written = null;
        try
        {
            foreach (var start in new[] { "first start", "restart" })
            {
                await using var app = new BootstrapApiFactory(settings: settings, database: database);
                app.CreateClient();

                var line = Assert.Single(app.Logs.Entries, e => e.Message.Contains("setup code", StringComparison.OrdinalIgnoreCase) && e.Message.Contains("setup-token"));
                var path = line.Message.Split(' ').Single(word => word.EndsWith(Path.Combine(relative), StringComparison.Ordinal) && !word.StartsWith('('));
                Assert.True(Path.IsPathFullyQualified(path), $"{start}: {path} is not absolute");
                Assert.True(File.Exists(path), $"{start}: the server wrote no setup code to {path}");
                written = path;
                var code = (await File.ReadAllTextAsync(path)).Trim();
                Assert.DoesNotContain(app.Logs.Entries, e => e.Message.Contains(code));
            }
        }
        finally
        {
            if (written is not null)
            {
                Directory.Delete(Path.GetDirectoryName(written)!, recursive: true);
            }
        }
    }

    [Fact]
    public async Task SetupCodeLogLine_ShouldNotAppear_AndTheFileShouldBeGone_WhenTheFirstRunSectionSetsUpAtStart()
    {
        var settings = FirstRunTests.FirstRunSettings(_folder);
        settings["Setup:ClaimMode"] = "Required";
        settings["Setup:ClaimTokenPath"] = CodePath;
        await using var app = new BootstrapApiFactory(settings: settings);
        app.CreateClient();

        Assert.False((await (await app.CreateClient().GetAsync("/api/setup")).ReadJsonAsync()).GetProperty("allowed").GetBoolean());
        Assert.DoesNotContain(app.Logs.Entries, e => e.Message.Contains("Setup is not complete") || e.Message.Contains(CodePath));
        Assert.False(File.Exists(CodePath), "the setup code died with the FirstRun setup: its file must not outlive it");
    }

    /// <summary>The claim failures counted by this app's own meter (other test hosts in the process have their own).</summary>
    private sealed class ClaimFailureCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public ClaimFailureCounter(BootstrapApiFactory app)
        {
            var meters = app.Services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Meter.Name == BootstrapMetrics.MeterName && instrument.Name == "bootstrap.setup.claim.failures")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, measurement, _, _) => Interlocked.Add(ref _count, measurement));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
