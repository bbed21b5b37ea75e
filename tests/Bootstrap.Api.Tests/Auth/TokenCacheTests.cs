using System.Net;
using Bootstrap.Api.Auth;
using Bootstrap.Api.Data;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.Tests.Auth;

/// <summary>Token authentication is cached briefly; a revocation in this process must still bite on the very next request.</summary>
public sealed class TokenCacheTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task TokenRevokedThroughTokenService_ShouldAnswer401OnTheNextRequest(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);
        var token = await app.CompleteFirstRunAsync();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/me", token)).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BootstrapDbContext>();
            var stored = await db.ApiTokens.AsNoTracking().SingleAsync();
            Assert.True(await scope.ServiceProvider.GetRequiredService<TokenService>()
                .RevokeAsync(stored.Id, stored.UserId, new SetupContext(SetupChannel.Wizard, RemoteAddress: null)));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithTokenAsync("/api/v2/me", token)).StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task UserDeletedThroughIdentity_ShouldStopTheirCachedTokenAtOnce(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);
        var token = await app.CompleteFirstRunAsync();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/orgs", token)).StatusCode);

        // The database cascades the delete to the user's tokens and memberships; nothing revokes them by name.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            Assert.True((await users.DeleteAsync((await users.FindByNameAsync("admin"))!)).Succeeded);
        }

        // /orgs reads nothing of the user, so only the cache stands between a deleted user and a 200.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithTokenAsync("/api/v2/orgs", token)).StatusCode);
    }

    [Fact]
    public async Task RecordingLastUse_ShouldNotEmptyTheCache()
    {
        await using var app = new BootstrapApiFactory();
        var token = await app.CompleteFirstRunAsync();
        var cache = app.Services.GetRequiredService<TokenCache>();
        var generation = cache.Generation;

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetWithTokenAsync("/api/v2/me", token)).StatusCode);

        Assert.NotNull(await app.QueryAsync(db => db.ApiTokens.Select(t => t.LastUsedAt).SingleAsync()));
        Assert.Equal(generation, cache.Generation);
    }

    [Fact]
    public async Task RevocationByAnotherProcess_ShouldBiteWithinTheTimeToLive()
    {
        var clock = new ManualClock();
        await using var app = new BootstrapApiFactory(services => services.AddSingleton<TimeProvider>(clock));
        var token = await app.CompleteFirstRunAsync();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/me", token)).StatusCode);

        // A second replica or the offline CLI writes the same database without going through this process.
        await using (var elsewhere = new SqliteConnection(app.ConnectionString))
        {
            await elsewhere.OpenAsync();
            await using var revoke = elsewhere.CreateCommand();
            revoke.CommandText = """UPDATE "ApiTokens" SET "RevokedAt" = '2026-01-01 00:00:00'""";
            await revoke.ExecuteNonQueryAsync();
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/me", token)).StatusCode);

        clock.Advance(TokenCache.TimeToLive);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithTokenAsync("/api/v2/me", token)).StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task OperatorTokenRotatedByAnotherProcess_ShouldBeRefusedWithinTheTimeToLive(DatabaseProvider provider)
    {
        var clock = new ManualClock();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var server = new BootstrapApiFactory(services => services.AddSingleton<TimeProvider>(clock), database: database);
        // rotate-token's offline host: the same services, its own token cache, the server's database.
        await using var offlineCli = new BootstrapApiFactory(database: database);
        var old = await server.CompleteFirstRunAsync();
        var client = server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/me", old)).StatusCode);

        OperatorTokenRotation rotation;
        await using (var scope = offlineCli.Services.CreateAsyncScope())
        {
            rotation = await scope.ServiceProvider.GetRequiredService<TokenService>().RotateOperatorAsync(new SetupContext(SetupChannel.Cli, RemoteAddress: null));
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/me", rotation.Issued.Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/me", old)).StatusCode);

        clock.Advance(TokenCache.TimeToLive);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithTokenAsync("/api/v2/me", old)).StatusCode);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
