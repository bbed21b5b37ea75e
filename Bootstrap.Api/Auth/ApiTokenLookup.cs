using Bootstrap.Api.Data;
using Bootstrap.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Auth;

/// <summary>The token queries of authentication: one indexed lookup by hash, and the throttled <c>LastUsedAt</c> write.</summary>
public sealed class ApiTokenLookup(BootstrapDbContext db)
{
    /// <summary>The current instance's token whose secret hashes to <paramref name="secretHash"/>, with its user.</summary>
    public Task<TokenMatch?> FindAsync(byte[] secretHash, CancellationToken cancellationToken) =>
        db.ApiTokens.AsNoTracking()
            .Where(t => t.SecretHash == secretHash)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new TokenMatch(t, u))
            .SingleOrDefaultAsync(cancellationToken);

    public Task MarkUsedAsync(Guid tokenId, DateTime now, CancellationToken cancellationToken) =>
        db.ApiTokens.Where(t => t.Id == tokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
}

public sealed record TokenMatch(ApiToken Token, User User);
