using System.Net;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.Tests.Influx;

public sealed class InfluxSetupConcurrencyTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task TwelveConcurrentOnboardings_ShouldProduceExactlyOneSuccess(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);
        var client = app.CreateClient();
        await client.GetAsync("/api/v2/setup");

        using var start = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, 12).Select(async i =>
        {
            await start.WaitAsync();
            var request = Requests.InfluxOnboarding();
            request["username"] = $"admin{i}";
            request["org"] = $"org{i}";
            return await client.PostJsonAsync("/api/v2/setup", request);
        }).ToList();
        start.Release(12);
        var responses = await Task.WhenAll(requests);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(11, refused.Count);
        foreach (var response in refused)
        {
            Assert.Equal((HttpStatusCode)422, response.StatusCode);
            Assert.Equal("""{"code":"conflict","message":"onboarding has already been completed"}""", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(1, await app.CountAsync<User>());
        Assert.Equal(1, await app.CountAsync<Organization>());
        Assert.Equal(1, await app.CountAsync<Bucket>());
        Assert.Equal(1, await app.CountAsync<ApiToken>());
        Assert.Equal(2, await app.CountAsync<Membership>());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task FailureAfterTheUserIsWritten_ShouldRollEverythingBack(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider, services =>
            services.AddSingleton<IInterceptor, BucketNameSabotage>());
        var client = app.CreateClient();

        var response = await client.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("internal error", (await response.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.True((await (await client.GetAsync("/api/v2/setup")).ReadJsonAsync()).GetProperty("allowed").GetBoolean());
        Assert.Equal(0, await app.CountAsync<User>());
        Assert.Equal(0, await app.CountAsync<Organization>());
        Assert.Equal(0, await app.CountAsync<Bucket>());
        Assert.Equal(0, await app.CountAsync<ApiToken>());
        Assert.Equal(0, await app.CountAsync<Membership>());
        Assert.Null(await app.QueryAsync(db => db.Instances.Where(i => i.Id == Instance.FirstId).Select(i => i.SetupCompletedAt).SingleAsync()));
    }

    /// <summary>
    /// Renames the bucket to one the database's CHECK constraint refuses, so the INSERT fails after
    /// the user and organization rows were already written in the same transaction.
    /// </summary>
    private sealed class BucketNameSabotage : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            foreach (var entry in eventData.Context!.ChangeTracker.Entries<Bucket>().Where(e => e.State == EntityState.Added))
            {
                entry.Entity.Name = "_sabotaged";
            }
            return ValueTask.FromResult(result);
        }
    }
}
