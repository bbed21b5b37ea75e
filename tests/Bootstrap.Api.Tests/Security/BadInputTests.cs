using System.Net.Http.Headers;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Setup;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Tests.Security;

public sealed class BadInputTests(BadInputTests.Apps fixture) : IClassFixture<BadInputTests.Apps>
{
    /// <summary>Every case on SQLite and on PostgreSQL, which enforces column limits that SQLite ignores.</summary>
    public static TheoryData<DatabaseProvider, string, string> Cases()
    {
        var data = new TheoryData<DatabaseProvider, string, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var (endpoint, badCase) in BadInputCatalog.All())
            {
                data.Add(provider, endpoint, badCase);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_ShouldAnswer4xxInTheFamilyFormatAndWriteNothing(DatabaseProvider provider, string endpointName, string caseName)
    {
        var endpoint = BadInputCatalog.Endpoint(endpointName);
        var apps = await fixture.OnAsync(provider);
        var app = endpoint.Target == BadInputTarget.FirstRun ? apps.Fresh : apps.Provisioned;
        var before = await RowCounts.ReadAsync(app);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Path)
        {
            Content = endpoint.Cases.Single(c => c.Name == caseName).Content(apps.MachineKey),
        };
        request.Headers.Authorization = apps.CredentialFor(endpoint.Target);

        var response = await apps.ClientFor(endpoint.Target).SendAsync(request);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await response.AssertFamilyErrorAsync(endpoint.Family);
        Assert.Equal(before, await RowCounts.ReadAsync(app));
        if (endpoint.Target == BadInputTarget.FirstRun)
        {
            var status = await (await apps.ClientFor(endpoint.Target).GetAsync("/api/v2/setup")).ReadJsonAsync();
            Assert.True(status.GetProperty("allowed").GetBoolean());
        }
    }

    /// <summary>The prepared apps of each provider, started when its first case runs.</summary>
    public sealed class Apps : IAsyncLifetime
    {
        private readonly Dictionary<DatabaseProvider, ProviderApps> _byProvider = [];

        public async Task<ProviderApps> OnAsync(DatabaseProvider provider)
        {
            if (!_byProvider.TryGetValue(provider, out var apps))
            {
                apps = await ProviderApps.StartAsync(provider);
                _byProvider[provider] = apps;
            }
            return apps;
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            foreach (var apps in _byProvider.Values)
            {
                await apps.DisposeAsync();
            }
        }
    }

    /// <summary>A fresh app for the first-run endpoints, and a set-up app with a second instance for the rest, on one provider.</summary>
    public sealed class ProviderApps : IAsyncDisposable
    {
        private static readonly Dictionary<string, string?> Settings = new()
        {
            ["SystemApi:Token"] = BootstrapApiFactory.SystemToken,
            // Rate limits answer before the body is read: hundreds of cases from one client would only test them.
            ["RateLimits:SetupPerMinute"] = "100000",
            ["RateLimits:TokenPerMinute"] = "100000",
        };

        private HttpClient? _operatorClient;
        private HttpClient? _secondInstanceClient;

        private ProviderApps(BootstrapApiFactory fresh, BootstrapApiFactory provisioned)
        {
            Fresh = fresh;
            Provisioned = provisioned;
        }

        public BootstrapApiFactory Fresh { get; }

        public BootstrapApiFactory Provisioned { get; }

        public string OperatorToken { get; private set; } = "";

        public string SecondInstancePat { get; private set; } = "";

        public MachineKeyFile MachineKey { get; private set; } = null!;

        public static async Task<ProviderApps> StartAsync(DatabaseProvider provider)
        {
            var apps = new ProviderApps(
                await BootstrapApiFactory.OnAsync(provider, settings: Settings),
                await BootstrapApiFactory.OnAsync(provider, settings: Settings));
            apps._operatorClient = apps.Provisioned.CreateClient();
            apps._secondInstanceClient = apps.Provisioned.CreateClientFor("second.test");
            var onboarding = await (await apps._operatorClient.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding())).ReadJsonAsync();
            apps.OperatorToken = onboarding.GetProperty("auth").GetProperty("token").GetString()!;
            var created = await (await apps._operatorClient.PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance("second.test"))).ReadJsonAsync();
            apps.SecondInstancePat = created.GetProperty("pat").GetString()!;
            apps.MachineKey = MachineKeyFile.FromBase64(created.GetProperty("machineKey").GetString()!);
            return apps;
        }

        public HttpClient ClientFor(BadInputTarget target) => target switch
        {
            BadInputTarget.FirstRun => Fresh.CreateClient(),
            BadInputTarget.SystemApi or BadInputTarget.OperatorToken => _operatorClient!,
            _ => _secondInstanceClient!,
        };

        public AuthenticationHeaderValue? CredentialFor(BadInputTarget target) => target switch
        {
            BadInputTarget.SystemApi => new("Bearer", BootstrapApiFactory.SystemToken),
            BadInputTarget.OperatorToken => new("Token", OperatorToken),
            BadInputTarget.InstanceOwnerPat => new("Bearer", SecondInstancePat),
            _ => null,
        };

        public async ValueTask DisposeAsync()
        {
            await Fresh.DisposeAsync();
            await Provisioned.DisposeAsync();
        }
    }

    /// <summary>Every kind of row a request could create, counted across all instances.</summary>
    private sealed record RowCounts(int Instances, int Organizations, int Users, int Memberships, int Buckets, int ApiTokens, int MachineKeys)
    {
        public static Task<RowCounts> ReadAsync(BootstrapApiFactory app) => app.QueryAsync(async db => new RowCounts(
            await db.Instances.CountAsync(),
            await db.Organizations.IgnoreQueryFilters().CountAsync(),
            await db.Users.IgnoreQueryFilters().CountAsync(),
            await db.Memberships.IgnoreQueryFilters().CountAsync(),
            await db.Buckets.IgnoreQueryFilters().CountAsync(),
            await db.ApiTokens.IgnoreQueryFilters().CountAsync(),
            await db.MachineKeys.IgnoreQueryFilters().CountAsync()));
    }
}
