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

    public async Task<IssuedToken> ExchangeAsync(string assertion, string issuer, SetupContext context, CancellationToken cancellationToken)
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

        var instanceWide = await db.Memberships.AnyAsync(
            m => m.UserId == user.Id && m.OrganizationId == null && m.Roles.Contains(Roles.IamOwner), cancellationToken);
        var organizationId = instanceWide
            ? null
            : await db.Memberships.Where(m => m.UserId == user.Id && m.OrganizationId != null)
                .Select(m => m.OrganizationId).FirstOrDefaultAsync(cancellationToken);

        var token = Provisioner.IssueToken(user, organizationId, TokenKind.AccessToken, "JWT profile grant access token",
            (now + AccessTokenLifetime).UtcDateTime, now.UtcDateTime);
        db.ApiTokens.Add(token.Token);
        db.AuditEvents.Add(Provisioner.Audit(user.InstanceId, "oauth.token.issued", true, context, now.UtcDateTime,
            $"key={Ids.ToZitadelId(key.Number)}", user.UserName));
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

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
