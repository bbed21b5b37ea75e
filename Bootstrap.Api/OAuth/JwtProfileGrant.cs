using System.Security.Cryptography;
using System.Text;
using Bootstrap.Api.Security.Jwt;
using Bootstrap.Api.Common;
using Bootstrap.Api.Data;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Logging;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Bootstrap.Api.OAuth;

/// <summary>
/// RFC 7523 JWT profile grant as Zitadel's SDKs use it: a machine user signs an RS256 assertion with
/// the private half of its machine key and gets a short-lived bearer access token back.
/// </summary>
public sealed class JwtProfileGrant(BootstrapDbContext db, TimeProvider clock, ILogger<JwtProfileGrant> logger)
{
    public const string GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    /// <summary>zitadel/oidc's <c>ValidateAuthReqScopes</c> wording, which Zitadel answers a token request without scope with.</summary>
    public const string MissingScopeDescription =
        "The scope of your request is missing. Please ensure some scopes are requested. If you have any questions, you may contact the administrator of the application.";
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan MaxAssertionAge = TimeSpan.FromHours(1);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);
    private static readonly IReadOnlySet<string> RS256Only = new HashSet<string>(StringComparer.Ordinal) { SignedJwt.RS256 };

    /// <param name="scope">The form's <c>scope</c>; Zitadel requires one and checks it after the assertion, as here.</param>
    /// <param name="issuer">The instance's issuer (<see cref="Tenancy.InstanceIssuer"/>), which the assertion's <c>aud</c> must name.</param>
    public async Task<JwtProfileExchange> ExchangeAsync(string assertion, string? scope, string issuer, SetupContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!SignedJwt.TryParse(assertion, out var jwt))
        {
            throw InvalidGrant("the assertion is not a signed JWT");
        }
        if (jwt.Algorithm != SignedJwt.RS256)
        {
            throw InvalidGrant("the assertion must be signed with RS256");
        }
        if (!Ids.TryParseZitadelId(jwt.KeyId, out var keyNumber))
        {
            throw InvalidGrant("the assertion names no known key (kid)");
        }
        var key = await db.MachineKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Number == keyNumber, cancellationToken)
            ?? throw InvalidGrant("the assertion names no known key (kid)");
        if (key.ExpiresAt <= now.UtcDateTime)
        {
            throw InvalidGrant("the machine key has expired");
        }
        if (!SignatureIsValid(key.PublicKeyPem, jwt))
        {
            throw InvalidGrant("the assertion's signature is invalid");
        }

        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == key.UserId, cancellationToken);
        var userId = Ids.ToZitadelId(user.Number);
        if (jwt.Issuer != userId || jwt.Subject != userId)
        {
            throw InvalidGrant("iss and sub must both be the key's user id");
        }
        if (!jwt.IsAudience(issuer) && !jwt.IsAudience($"{issuer}/oauth/v2/token"))
        {
            throw InvalidGrant($"the assertion's audience must be {issuer}");
        }
        var expiresAt = jwt.Time("exp") ?? throw InvalidGrant("the assertion has no exp");
        var issuedAt = jwt.Time("iat") ?? throw InvalidGrant("the assertion has no iat");
        if (expiresAt <= now - ClockSkew)
        {
            throw InvalidGrant("the assertion has expired");
        }
        if (issuedAt > now + ClockSkew || issuedAt < now - MaxAssertionAge)
        {
            throw InvalidGrant("the assertion's iat must be within the last hour");
        }
        if (jwt.HasClaim("nbf") && (jwt.Time("nbf") is not { } notBefore || notBefore > now + ClockSkew))
        {
            throw InvalidGrant("the assertion is not valid yet (nbf)");
        }
        if (string.IsNullOrWhiteSpace(scope))
        {
            throw new ApiException(new ApiError(ErrorKind.Invalid, MissingScopeDescription));
        }
        var used = new UsedAssertion
        {
            InstanceId = user.InstanceId,
            KeyHash = ReplayKey(userId, jwt.Claim("jti"), jwt.SignedPart),
            // After this, exp or the iat age limit refuses the assertion anyway: the table stays small.
            RememberUntil = (expiresAt + ClockSkew < issuedAt + MaxAssertionAge ? expiresAt + ClockSkew : issuedAt + MaxAssertionAge).UtcDateTime,
        };
        await db.UsedAssertions.IgnoreQueryFilters().Where(a => a.RememberUntil < now.UtcDateTime).ExecuteDeleteAsync(cancellationToken);
        if (await WasUsedAsync(used.KeyHash, cancellationToken))
        {
            throw AlreadyUsed();
        }

        var instanceWide = await db.Memberships.AnyAsync(
            m => m.UserId == user.Id && m.OrganizationId == null && m.Roles.Contains(Roles.IamOwner), cancellationToken);
        var organizationId = instanceWide
            ? null
            : await db.Memberships.Where(m => m.UserId == user.Id && m.OrganizationId != null)
                .Select(m => m.OrganizationId).FirstOrDefaultAsync(cancellationToken);

        var token = TokenService.NewAccessToken(user, organizationId, (now + AccessTokenLifetime).UtcDateTime, now.UtcDateTime);
        db.UsedAssertions.Add(used);
        db.ApiTokens.Add(token.Token);
        db.AuditEvents.Add(Provisioner.Audit(user.InstanceId, "oauth.token.issued", true, context, now.UtcDateTime,
            $"key={Ids.ToZitadelId(key.Number)}", user.UserName));
        try
        {
            // The used assertion and the token are saved together: the unique key lets exactly one of
            // two concurrent exchanges (on any replica) through, and a refused one leaves no token.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await WasUsedAsync(used.KeyHash, cancellationToken))
            {
                throw AlreadyUsed();
            }
            throw;
        }
        logger.TokenIssued(context, token.Token, user);
        return new JwtProfileExchange(token, userId, now);
    }

    /// <summary>
    /// What makes two assertions "the same": the user's <c>jti</c> when it has one; otherwise the signed
    /// part (header and claims) rather than the whole text, because any change to the signed part breaks
    /// the signature, whereas the signature's own encoding is only as strict as the base64url decoder.
    /// </summary>
    private static byte[] ReplayKey(string userId, string? jti, string signedPart) =>
        string.IsNullOrEmpty(jti)
            ? SHA256.HashData(Encoding.UTF8.GetBytes($"signed\n{signedPart}"))
            : SHA256.HashData(Encoding.UTF8.GetBytes($"jti\n{userId}\n{jti}"));

    private Task<bool> WasUsedAsync(byte[] keyHash, CancellationToken cancellationToken) =>
        db.UsedAssertions.AnyAsync(a => a.KeyHash == keyHash, cancellationToken);

    private static ApiException AlreadyUsed() => InvalidGrant("the assertion has already been used");

    private static bool SignatureIsValid(string publicKeyPem, SignedJwt jwt)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(publicKeyPem);
        return jwt.VerifySignature(rsa, RS256Only);
    }

    private static ApiException InvalidGrant(string message) => new(new ApiError(ErrorKind.Invalid, message, "invalid_grant"));
}

/// <summary>The access token issued for the machine user <see cref="UserId"/> (Zitadel id) at <see cref="IssuedAt"/>.</summary>
public sealed record JwtProfileExchange(IssuedToken Token, string UserId, DateTimeOffset IssuedAt);
