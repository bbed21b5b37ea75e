using Bootstrap.Api.Data;
using Bootstrap.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.Tenancy;

/// <summary>
/// Maps a request's host to its instance: an instance's custom domain, else the first instance.
/// The map is cached briefly because it is read on every request and changes only when an
/// instance is created (which invalidates it here; other replicas see it within the TTL).
/// </summary>
public sealed class InstanceDirectory(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(10);
    private volatile Snapshot? _snapshot;

    public async ValueTask<Guid> ResolveAsync(string host, CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).ByDomain.GetValueOrDefault(host.ToLowerInvariant(), Instance.FirstId);

    /// <summary>Whether <paramref name="host"/> is an instance's custom domain (rather than routed to the first instance by default).</summary>
    public async ValueTask<bool> IsCustomDomainAsync(string host, CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).ByDomain.ContainsKey(host);

    private async ValueTask<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is null || clock.GetUtcNow() - snapshot.LoadedAt > TimeToLive)
        {
            snapshot = await LoadAsync(cancellationToken);
            _snapshot = snapshot;
        }
        return snapshot;
    }

    public void Invalidate() => _snapshot = null;

    private async Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BootstrapDbContext>();
        var domains = await db.Instances.AsNoTracking()
            .Where(i => i.CustomDomain != null)
            .Select(i => new { i.CustomDomain, i.Id })
            .ToDictionaryAsync(i => i.CustomDomain!, i => i.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        return new Snapshot(domains, clock.GetUtcNow());
    }

    private sealed record Snapshot(Dictionary<string, Guid> ByDomain, DateTimeOffset LoadedAt);
}
