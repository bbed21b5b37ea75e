using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Bootstrap.Api.Data;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.Tests.Influx;

public sealed class InfluxTokenAuthTests
{
    [Fact]
    public async Task Tokens_ShouldBeStoredOnlyAsSha256Hashes()
    {
        await using var app = new BootstrapApiFactory();
        var body = await (await app.CreateClient().PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding())).ReadJsonAsync();
        var token = body.GetProperty("auth").GetProperty("token").GetString()!;

        var stored = await app.QueryAsync(db => db.ApiTokens.IgnoreQueryFilters().SingleAsync());
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), stored.SecretHash);
        var file = app.ReadDatabaseBytes();
        Assert.Equal(-1, file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(token)));
        Assert.Equal(-1, file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Requests.Password)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Token not-a-real-token")]
    [InlineData("Bearer ")]
    [InlineData("Basic YWRtaW46cGFzc3dvcmQ=")]
    public async Task MissingOrWrongToken_ShouldAnswer401Unauthorized(string? authorization)
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();
        await client.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding());

        foreach (var path in new[] { "/api/v2/me", "/api/v2/orgs", "/api/v2/buckets", "/api/v2/authorizations" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }
            var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("unauthorized", response.Headers.GetValues("X-Platform-Error-Code").Single());
            Assert.Equal("""{"code":"unauthorized","message":"unauthorized access"}""", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task RevokedOrExpiredToken_ShouldAnswer401()
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();
        var body = await (await client.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding())).ReadJsonAsync();
        var token = body.GetProperty("auth").GetProperty("token").GetString()!;

        await app.QueryAsync(db => db.ApiTokens.ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithTokenAsync("/api/v2/me", token)).StatusCode);

        await app.QueryAsync(db => db.ApiTokens.ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, (DateTime?)null)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/me", token)).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<BootstrapDbContext>().ApiTokens.AsNoTracking().SingleAsync();
            await scope.ServiceProvider.GetRequiredService<TokenService>().RevokeAsync(stored.Id, stored.UserId, new SetupContext(SetupChannel.Api, RemoteAddress: null));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithTokenAsync("/api/v2/me", token)).StatusCode);
    }

    [Fact]
    public async Task Authorizations_ShouldListTheOperatorTokenWithoutItsSecret()
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();
        var body = await (await client.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding())).ReadJsonAsync();
        var token = body.GetProperty("auth").GetProperty("token").GetString()!;

        var response = await client.GetWithTokenAsync("/api/v2/authorizations", token);

        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token, text);
        var listed = Assert.Single((await response.ReadJsonAsync()).GetProperty("authorizations").EnumerateArray());
        Assert.Equal(body.GetProperty("auth").GetProperty("id").GetString(), listed.GetProperty("id").GetString());
        Assert.False(listed.TryGetProperty("token", out _));
    }

    [Fact]
    public async Task SigninWithBasic_ShouldSetASessionCookieThatAuthenticates()
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();
        await client.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding());

        var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/v2/signin");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:wrong-password")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);

        var signin = new HttpRequestMessage(HttpMethod.Post, "/api/v2/signin");
        signin.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{Requests.Password}")));
        var signedIn = await client.SendAsync(signin);
        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("bootstrap-session=", StringComparison.Ordinal) && c.Contains("httponly"));

        var me = await client.GetAsync("/api/v2/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("admin", (await me.ReadJsonAsync()).GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v2/signout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v2/me")).StatusCode);
    }

    [Fact]
    public async Task Health_ShouldPassAndReadyShouldReportMigrationsApplied()
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();

        var health = await (await client.GetAsync("/health")).ReadJsonAsync();
        Assert.Equal("bootstrap", health.GetProperty("name").GetString());
        Assert.Equal("pass", health.GetProperty("status").GetString());
        var ready = await client.GetAsync("/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", (await ready.ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task UnknownApiRoute_ShouldAnswer404InTheFamilyFormat()
    {
        await using var app = new BootstrapApiFactory();
        await app.CompleteFirstRunAsync();

        var response = await app.CreateClient().GetAsync("/api/v2/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not found", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }
}
