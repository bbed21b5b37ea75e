using Bootstrap.Api.Data;
using Bootstrap.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Auth;

/// <summary>Finds the current instance's token whose secret hashes to a SHA-256, with its user: one indexed query.</summary>
public sealed class ApiTokenLookup(BootstrapDbContext db)
{
    public Task<TokenMatch?> FindAsync(byte[] secretHash, CancellationToken cancellationToken) =>
        db.ApiTokens.AsNoTracking()
            .Where(t => t.SecretHash == secretHash)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new TokenMatch(t, u))
            .SingleOrDefaultAsync(cancellationToken);
}

public sealed record TokenMatch(ApiToken Token, User User);
