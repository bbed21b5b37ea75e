using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bootstrap.Api.Common;
using Bootstrap.Api.Data;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.OAuth;

/// <summary>
/// RFC 7523 JWT profile grant as Zitadel's SDKs use it: a machine user signs an RS256 assertion with
/// the private half of its machine key and gets a short-lived bearer access token back.
/// </summary>
public sealed class JwtProfileGrant(BootstrapDbContext db, TimeProvider clock)
{
    public const string GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan MaxAssertionAge = TimeSpan.FromHours(1);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <param name="scope">The form's <c>scope</c>; Zitadel requires one and checks it after the assertion, as here.</param>
    /// <param name="issuer">The instance's issuer (<see cref="Tenancy.InstanceIssuer"/>), which the assertion's <c>aud</c> must name.</param>
    public async Task<IssuedToken> ExchangeAsync(string assertion, string? scope, string issuer, SetupContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            throw InvalidGrant("the assertion is not a signed JWT");
        }
        var header = DecodeJson(parts[0]);
        var claims = DecodeJson(parts[1]);

        if (Text(header, "alg") != "RS256")
        {
            throw InvalidGrant("the assertion must be signed with RS256");
        }
        if (!Ids.TryParseZitadelId(Text(header, "kid"), out var keyNumber))
        {
            throw InvalidGrant("the assertion names no known key (kid)");
        }
        var key = await db.MachineKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Number == keyNumber, cancellationToken)
            ?? throw InvalidGrant("the assertion names no known key (kid)");
        if (key.ExpiresAt <= now.UtcDateTime)
        {
            throw InvalidGrant("the machine key has expired");
        }
        if (!SignatureIsValid(key.PublicKeyPem, parts))
        {
            throw InvalidGrant("the assertion's signature is invalid");
        }

        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == key.UserId, cancellationToken);
        var userId = Ids.ToZitadelId(user.Number);
        if (Text(claims, "iss") != userId || Text(claims, "sub") != userId)
        {
            throw InvalidGrant("iss and sub must both be the key's user id");
        }
        if (!Audiences(claims).Any(audience => SameIssuer(audience, issuer)))
        {
            throw InvalidGrant($"the assertion's audience must be {issuer}");
        }
        var expiresAt = Time(claims, "exp") ?? throw InvalidGrant("the assertion has no exp");
        var issuedAt = Time(claims, "iat") ?? throw InvalidGrant("the assertion has no iat");
        if (expiresAt <= now - ClockSkew)
        {
            throw InvalidGrant("the assertion has expired");
        }
        if (issuedAt > now + ClockSkew || issuedAt < now - MaxAssertionAge)
        {
            throw InvalidGrant("the assertion's iat must be within the last hour");
        }
        if (claims.TryGetProperty("nbf", out _) && (Time(claims, "nbf") is not { } notBefore || notBefore > now + ClockSkew))
        {
            throw InvalidGrant("the assertion is not valid yet (nbf)");
        }
        if (string.IsNullOrWhiteSpace(scope))
        {
            throw new ApiException(new ApiError(ErrorKind.Invalid, "the scope of your request is missing: request at least one scope (e.g. openid)"));
        }
        var used = new UsedAssertion
        {
            InstanceId = user.InstanceId,
            KeyHash = ReplayKey(userId, Text(claims, "jti"), parts),
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

        var token = Provisioner.IssueToken(user, organizationId, TokenKind.AccessToken, "JWT profile grant access token",
            (now + AccessTokenLifetime).UtcDateTime, now.UtcDateTime);
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
        return token;
    }

    /// <summary>
    /// What makes two assertions "the same": the user's <c>jti</c> when it has one; otherwise the signed
    /// part (header and claims) rather than the whole text, because any change to the signed part breaks
    /// the signature, whereas the signature's own encoding is only as strict as the base64url decoder.
    /// </summary>
    private static byte[] ReplayKey(string userId, string? jti, string[] parts) =>
        string.IsNullOrEmpty(jti)
            ? SHA256.HashData(Encoding.UTF8.GetBytes($"signed\n{parts[0]}.{parts[1]}"))
            : SHA256.HashData(Encoding.UTF8.GetBytes($"jti\n{userId}\n{jti}"));

    private Task<bool> WasUsedAsync(byte[] keyHash, CancellationToken cancellationToken) =>
        db.UsedAssertions.AnyAsync(a => a.KeyHash == keyHash, cancellationToken);

    private static ApiException AlreadyUsed() => InvalidGrant("the assertion has already been used");

    private static bool SignatureIsValid(string publicKeyPem, string[] parts)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(publicKeyPem);
            return rsa.VerifyData(
                Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"),
                Base64Url.DecodeFromChars(parts[2]),
                HashAlgorithmName.SHA256,
                RSASignaturePadding.Pkcs1);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static JsonElement DecodeJson(string segment)
    {
        try
        {
            var json = JsonDocument.Parse(Base64Url.DecodeFromChars(segment)).RootElement;
            return json.ValueKind == JsonValueKind.Object ? json : throw InvalidGrant("the assertion is not a JWT");
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            throw InvalidGrant("the assertion is not a JWT");
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? Text(value) : null;

    /// <summary>Null unless a string that is valid UTF-16: GetString throws on an escaped unpaired surrogate ("\ud800").</summary>
    private static string? Text(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds)
            && seconds is > 0 and < 253_402_300_799
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null;

    private static IEnumerable<string> Audiences(JsonElement claims)
    {
        if (!claims.TryGetProperty("aud", out var audience))
        {
            return [];
        }
        List<JsonElement> values = audience.ValueKind == JsonValueKind.Array ? [.. audience.EnumerateArray()] : [audience];
        return values.Select(Text).OfType<string>().ToList();
    }

    private static bool SameIssuer(string audience, string issuer) =>
        string.Equals(audience.TrimEnd('/'), issuer, StringComparison.OrdinalIgnoreCase)
        || string.Equals(audience, $"{issuer}/oauth/v2/token", StringComparison.OrdinalIgnoreCase);

    private static ApiException InvalidGrant(string message) => new(new ApiError(ErrorKind.Invalid, message, "invalid_grant"));
}
