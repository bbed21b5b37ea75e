using System.Net;
using Bootstrap.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
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

        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), service => service.GetType().Name == "DataProtectionHostedService");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Authorization", $"Token {token}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v2/me")).StatusCode);
        Assert.Equal(0, await app.CountAsync<DataProtectionKey>());

        var signedIn = await app.CreateClient().SignInAsync("admin", Requests.Password);

        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        Assert.Equal(1, await app.CountAsync<DataProtectionKey>());
    }

    [Fact]
    public void Process_ShouldRunInGlobalizationInvariantMode()
    {
        // Invariant mode (Directory.Build.props) is what the memory figures rely on; an ICU-dependent
        // call would throw here rather than in production.
        Assert.Throws<System.Globalization.CultureNotFoundException>(() => System.Globalization.CultureInfo.GetCultureInfo("de-CH"));
    }
}
