using System.Net;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Tests.Operations;

/// <summary>Two app instances (replicas) on one database, as several pods behind a load balancer.</summary>
public sealed class ReplicaTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task TwoReplicasRacing_ShouldSetUpExactlyOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = new BootstrapApiFactory(database: database);
        await using var second = new BootstrapApiFactory(database: database);
        HttpClient[] replicas = [first.CreateClient(), second.CreateClient()];

        using var start = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, 12).Select(async i =>
        {
            await start.WaitAsync();
            var replica = replicas[i % 2];
            if (i % 4 < 2)
            {
                var native = Requests.NativeSetup(withMachine: false);
                native["organization"] = $"native-org{i}";
                return await replica.PostJsonAsync("/api/setup", native);
            }
            var influx = Requests.InfluxOnboarding();
            influx["org"] = $"influx-org{i}";
            return await replica.PostJsonAsync("/api/v2/setup", influx);
        }).ToList();
        start.Release(requests.Count);
        var responses = await Task.WhenAll(requests);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r =>
            Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity }));
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Users.IgnoreQueryFilters().CountAsync());
        Assert.Equal(1, await db.Organizations.IgnoreQueryFilters().CountAsync());
        Assert.Equal(1, await db.Buckets.IgnoreQueryFilters().CountAsync());
        Assert.Equal(1, await db.ApiTokens.IgnoreQueryFilters().CountAsync());
        Assert.Equal(1, await db.AuditEvents.IgnoreQueryFilters().CountAsync(a => a.Action == "setup.completed"));
        Assert.NotNull(await db.Instances.Where(i => i.Id == Instance.FirstId).Select(i => i.SetupCompletedAt).SingleAsync());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SessionCookieFromOneReplica_ShouldBeAcceptedByTheOther(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = new BootstrapApiFactory(database: database);
        await using var second = new BootstrapApiFactory(database: database);
        await first.CompleteFirstRunAsync();
        var options = new WebApplicationFactoryClientOptions { HandleCookies = false };

        var signedIn = await first.CreateClient(options).SignInAsync("admin", Requests.Password);
        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bootstrap-session=", StringComparison.Ordinal)).Split(';')[0];

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/me");
        request.Headers.Add("Cookie", cookie);
        var me = await second.CreateClient(options).SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("admin", (await me.ReadJsonAsync()).GetProperty("name").GetString());
        await using var db = database.NewContext();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
    }
}
