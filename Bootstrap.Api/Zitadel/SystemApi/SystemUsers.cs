using System.Diagnostics.CodeAnalysis;
using Bootstrap.Api.Security.Jwt;
using Bootstrap.Api.Startup;
using Microsoft.Extensions.Options;

namespace Bootstrap.Api.Zitadel.SystemApi;

/// <summary>
/// The configured system users and the check of their self-signed JWTs, as Zitadel's
/// <c>SystemTokenVerifierFromConfig</c> (zitadel/oidc <c>VerifyJWTAssertion</c>) makes it: <c>aud</c>
/// names an accepted issuer, <c>exp</c> is in the future, <c>iat</c> is present, not in the future and at
/// most an hour old (one second of clock skew, as there), <c>iss = sub</c>, the key is the one configured
/// for <c>iss</c> (<c>kid</c> is ignored) and within its certificate's dates, and the signature verifies.
/// </summary>
public sealed class SystemUsers(IOptions<SystemApiOptions> options, TimeProvider clock) : IStartupStep
{
    public static readonly TimeSpan MaxTokenAge = TimeSpan.FromHours(1);
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(1);

    // Start-up validation has checked every entry; the keys are read again, once, before the first request.
    private readonly Lazy<IReadOnlyDictionary<string, SystemUserKey>> _keys = new(() =>
        options.Value.Users.ToDictionary(user => user.Key, user => SystemUserKey.Load(user.Key, user.Value), StringComparer.Ordinal));

    /// <summary>Reads the keys before the first request, so a key file removed since validation stops the start rather than fail a request.</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        _ = _keys.Value;
        return Task.CompletedTask;
    }

    /// <summary>The user id when <paramref name="jwt"/> is a valid system token for one of <paramref name="audiences"/>; otherwise why not.</summary>
    public bool TryVerify(SignedJwt jwt, IReadOnlyCollection<string> audiences, [NotNullWhen(true)] out string? userId, [NotNullWhen(false)] out string? refusal)
    {
        userId = null;
        refusal = Check(jwt, audiences);
        if (refusal is null)
        {
            userId = jwt.Subject!;
        }
        return refusal is null;
    }

    private string? Check(SignedJwt jwt, IReadOnlyCollection<string> audiences)
    {
        var now = clock.GetUtcNow();
        if (!audiences.Any(jwt.IsAudience))
        {
            return $"aud does not name {string.Join(" or ", audiences)}";
        }
        if (jwt.Time("exp") is not { } expiresAt || expiresAt <= now + ClockSkew)
        {
            return "exp is missing or not in the future";
        }
        if (jwt.Time("iat") is not { } issuedAt)
        {
            return "iat is missing";
        }
        if (issuedAt > now + ClockSkew)
        {
            return "iat is in the future";
        }
        if (issuedAt < now - MaxTokenAge)
        {
            return "iat is more than an hour old";
        }
        if (string.IsNullOrEmpty(jwt.Issuer) || jwt.Issuer != jwt.Subject)
        {
            return "iss and sub must be the same system user id";
        }
        if (!_keys.Value.TryGetValue(jwt.Issuer, out var key))
        {
            return "iss is not a configured system user";
        }
        if (key.NotBefore > now || key.NotAfter < now)
        {
            return "the system user's certificate is not valid now";
        }
        return jwt.VerifySignature(key.Key, SignedJwt.AsymmetricAlgorithms) ? null : $"the signature ({jwt.Algorithm}) does not verify with the system user's key";
    }
}
