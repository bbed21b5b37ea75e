using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bootstrap.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Tests.Security;

public sealed class SurfaceAndHeadersTests
{
    [Theory]
    [InlineData("/api/v2/orgs", "GET")]
    [InlineData("/api/v2/nothing-here", "GET")]
    [InlineData("/api/v2/setup/user", "POST")]
    [InlineData("/system/v1/instances/_search", "POST")]
    [InlineData("/admin/v1/orgs/_setup", "POST")]
    [InlineData("/oauth/v2/token", "POST")]
    [InlineData("/api/other", "GET")]
    public async Task BeforeSetup_EveryApiRouteButTheSetupDoorsShouldAnswer401(string path, string method)
    {
        await using var app = new BootstrapApiFactory();
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BootstrapApiFactory.SystemToken);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v2/setup")]
    [InlineData("/api/setup")]
    [InlineData("/health")]
    [InlineData("/ready")]
    public async Task BeforeSetup_TheSetupDoorsAndHealthShouldAnswer(string path)
    {
        await using var app = new BootstrapApiFactory();

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task EveryResponse_ShouldCarryTheSecurityHeaders()
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();

        foreach (var response in new[]
        {
            await client.GetAsync("/api/v2/setup"),
            await client.GetAsync("/api/v2/orgs"),
            await client.PostRawAsync("/api/v2/setup", "{broken"),
        })
        {
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("default-src 'self'", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }
    }

    [Fact]
    public async Task SessionCookie_ShouldBeHttpOnlyLaxAndSecureOverHttps()
    {
        await using var app = new BootstrapApiFactory();
        await app.CompleteFirstRunAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://bootstrap.test") });
        var signin = new HttpRequestMessage(HttpMethod.Post, "/api/v2/signin");
        signin.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{Requests.Password}")));

        var response = await client.SendAsync(signin);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bootstrap-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task SignIn_ShouldBeAuditedAndRateLimitedInTheFamilyFormat()
    {
        await using var app = new BootstrapApiFactory(settings: new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "3" });
        await app.CompleteFirstRunAsync();
        var client = app.CreateClient();

        HttpResponseMessage SignIn(string password)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/signin");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{password}")));
            return client.SendAsync(request).GetAwaiter().GetResult();
        }

        Assert.Equal(HttpStatusCode.Unauthorized, SignIn("wrong-password").StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, SignIn(Requests.Password).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, SignIn("wrong-again").StatusCode);
        var limited = SignIn(Requests.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Equal("too many requests", (await limited.ReadJsonAsync()).GetProperty("code").GetString());
        var audit = await app.QueryAsync(db => db.AuditEvents.Where(a => a.Action == "signin").OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([false, true, false], audit.Select(a => a.Succeeded));
        Assert.All(audit, a => Assert.Equal("admin", a.Subject));
        Assert.DoesNotContain(audit, a => (a.Detail ?? "").Contains("wrong"));
    }

    [Fact]
    public async Task RefusedSetup_ShouldBeAudited()
    {
        await using var app = new BootstrapApiFactory();
        await app.CompleteFirstRunAsync();

        await app.CreateClient().PostJsonAsync("/api/setup", Requests.NativeSetup());

        var actions = await app.QueryAsync(db => db.AuditEvents.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["setup.completed", "setup.refused"], actions);
    }
}
