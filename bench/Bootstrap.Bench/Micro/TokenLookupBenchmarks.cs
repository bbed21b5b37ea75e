using BenchmarkDotNet.Attributes;
using Bootstrap.Api.Auth;
using Bootstrap.Bench.Harness;
using Bootstrap.Bench.Scale;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Security;
using Bootstrap.Domain.Setup;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Bench.Micro;

/// <summary>The token lookup query (a request scope, a DbContext, one indexed SELECT) at two table sizes.</summary>
public class TokenLookupBenchmarks
{
    private string _folder = string.Empty;
    private InProcessApp? _app;
    private byte[] _hash = [];

    [Params(1, 100_000)]
    public int Tokens { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"bootstrap-bench-lookup-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
        var database = Path.Combine(_folder, "bootstrap.db");
        await InProcessApp.CreateMigratedDatabaseAsync(database);
        _app = InProcessApp.Create(database);
        var secret = Secrets.NewToken();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SetupService>().CompleteFirstRunAsync(
                new SetupCommand("bench", new AdminSpec("admin", null, "bench-password-1"), new BucketSpec("bench", 0), SuppliedOperatorToken: secret),
                new SetupContext(SetupChannel.Api, null));
        }
        Seeder.Seed(database, Tokens - 1, extraBuckets: 0);
        _hash = Secrets.Hash(secret);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _app?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public async Task<TokenMatch?> LookUpByHash()
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<ApiTokenLookup>(scope.ServiceProvider).FindAsync(_hash, CancellationToken.None);
    }
}
