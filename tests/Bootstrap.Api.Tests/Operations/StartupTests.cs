using System.Net;
using Bootstrap.Api.Startup;
using Bootstrap.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bootstrap.Api.Tests.Operations;

/// <summary>What a start does, and what it leaves for later (see bench/README.md).</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Start_ShouldLeaveTheKeyRingUntilACookieNeedsIt()
    {
        await using var app = new BootstrapApiFactory();
        var token = await app.CompleteFirstRunAsync();

        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), service => service.GetType().Assembly == typeof(KeyManagementOptions).Assembly);
        Assert.Single(app.Services.GetServices<IHostedService>().OfType<StartupSequence>());
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Authorization", $"Token {token}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v2/me")).StatusCode);
        Assert.Equal(0, await app.CountAsync<DataProtectionKey>());

        var signedIn = await app.CreateClient().SignInAsync("admin", Requests.Password);

        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        Assert.Equal(1, await app.CountAsync<DataProtectionKey>());
    }

    [Fact]
    public void Process_ShouldRunInGlobalizationInvariantMode_WithCulturesThatOnlyNameALanguage()
    {
        // Invariant mode (Directory.Build.props) is what the memory figures rely on. PredefinedCulturesOnly=false
        // lets the UI name its languages (docs/localization.md), but a culture still formats and compares like the
        // invariant one: no ICU is loaded, and a zero-width space is not ignored the way ICU's collation would.
        var german = new System.Globalization.CultureInfo("de-CH");

        Assert.Equal("1234.5", 1234.5.ToString(german));
        Assert.Equal(System.Globalization.CultureInfo.InvariantCulture, german.Parent);
        Assert.NotEqual(0, string.Compare("ad\u200Bmin", "admin", german, System.Globalization.CompareOptions.None));
    }

    [Fact]
    public async Task StartupGate_ShouldHoldRequestsUntilTheApplicationHasStarted()
    {
        using var lifetime = new TestLifetime();
        var served = 0;
        var gate = new StartupGateMiddleware(_ => { served++; return Task.CompletedTask; }, lifetime);

        var early = gate.InvokeAsync(new DefaultHttpContext());
        await Task.Delay(50);
        Assert.False(early.IsCompleted);
        Assert.Equal(0, served);

        lifetime.Start();
        await early.WaitAsync(TimeSpan.FromSeconds(5));
        await gate.InvokeAsync(new DefaultHttpContext());
        Assert.Equal(2, served);
    }

    [Fact]
    public async Task StartupGate_ShouldAnswer503WhenTheStartFails()
    {
        using var lifetime = new TestLifetime();
        var gate = new StartupGateMiddleware(_ => throw new InvalidOperationException("must not be served"), lifetime);
        var context = new DefaultHttpContext();

        var waiting = gate.InvokeAsync(context);
        lifetime.StopApplication();
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
    }

    private sealed class TestLifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _started = new();
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => _started.Token;
        public CancellationToken ApplicationStopping => _stopping.Token;
        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void Start() => _started.Cancel();

        public void StopApplication() => _stopping.Cancel();

        public void Dispose()
        {
            _started.Dispose();
            _stopping.Dispose();
        }
    }
}
