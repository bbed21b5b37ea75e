using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Bootstrap.Api.Auth;

/// <summary>
/// Remembers for a few seconds which token and user a secret's SHA-256 belongs to, so a client that
/// calls repeatedly is not looked up in the database on every request. Revocation is honoured:
/// <see cref="TokenCacheInvalidator"/> empties the cache once this process's <c>TokenService</c> or
/// Identity store has committed a revocation or a user change, so the very next request goes back to
/// the database. A change made by another process or replica on the same database (the CLI's
/// <c>rotate-token</c>, a second replica) is seen when the entry expires, at most
/// <see cref="TimeToLive"/> later. Failed lookups are never cached.
/// </summary>
public sealed class TokenCache(TimeProvider clock)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(5);

    /// <summary>Past about this many entries the cache starts over instead of growing with every client.</summary>
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<SecretHashKey, CachedToken> _entries = new();
    private long _generation;
    private int _added;

    /// <summary>
    /// Read before a database lookup and handed to <see cref="Add"/>: an entry whose lookup started
    /// before an invalidation is never served, even if it was stored after it.
    /// </summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>A live entry for this hash in this instance (tokens of one instance never authenticate on another's host).</summary>
    public CachedToken? Find(ReadOnlySpan<byte> secretHash, Guid instanceId) =>
        _entries.TryGetValue(SecretHashKey.From(secretHash), out var entry)
        && entry.Generation == Generation
        && entry.Match.Token.InstanceId == instanceId
        && clock.GetUtcNow() < entry.FreshUntil
            ? entry
            : null;

    public CachedToken Add(ReadOnlySpan<byte> secretHash, TokenMatch match, long generation)
    {
        if (Interlocked.Increment(ref _added) > Capacity)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _added, 0);
        }
        var entry = new CachedToken(match, generation, clock.GetUtcNow() + TimeToLive);
        _entries[SecretHashKey.From(secretHash)] = entry;
        return entry;
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
        Interlocked.Exchange(ref _added, 0);
    }

    /// <summary>The 32 bytes of a SHA-256 as a value key, so a lookup allocates nothing.</summary>
    private readonly record struct SecretHashKey(ulong A, ulong B, ulong C, ulong D)
    {
        public static SecretHashKey From(ReadOnlySpan<byte> hash)
        {
            var words = MemoryMarshal.Cast<byte, ulong>(hash);
            return new(words[0], words[1], words[2], words[3]);
        }
    }
}

/// <summary>A cached lookup result, and when this process last wrote the token's <c>LastUsedAt</c>.</summary>
public sealed class CachedToken(TokenMatch match, long generation, DateTimeOffset freshUntil)
{
    private long _lastUsedTicks = match.Token.LastUsedAt?.Ticks ?? 0;

    public TokenMatch Match { get; } = match;

    public long Generation { get; } = generation;

    public DateTimeOffset FreshUntil { get; } = freshUntil;

    /// <summary>True for exactly one caller once <c>LastUsedAt</c> is older than <paramref name="resolution"/>: that caller writes it.</summary>
    public bool ClaimLastUsedWrite(DateTime now, TimeSpan resolution)
    {
        var last = Interlocked.Read(ref _lastUsedTicks);
        return now.Ticks - last > resolution.Ticks && Interlocked.CompareExchange(ref _lastUsedTicks, now.Ticks, last) == last;
    }
}
