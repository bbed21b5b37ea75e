using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Bootstrap.Api.Security.Jwt;

/// <summary>
/// A JWS in compact form (<c>header.claims.signature</c>), parsed but not trusted until
/// <see cref="VerifySignature"/> says so. The one JWT reader of the app: the JWT profile grant's
/// assertions and the system users' bearer tokens both go through it.
/// </summary>
public sealed class SignedJwt
{
    public const string RS256 = "RS256";
    public const string PS256 = "PS256";
    public const string ES256 = "ES256";
    public const string EdDSA = "EdDSA";

    /// <summary>
    /// What Zitadel's JWT-profile verifier accepts when given no list (zitadel/oidc <c>CheckSignature</c>),
    /// and EdDSA (RFC 8037) for the Ed25519 keys SPEC §2 accepts as system users too.
    /// </summary>
    public static readonly IReadOnlySet<string> AsymmetricAlgorithms = new HashSet<string>(StringComparer.Ordinal) { RS256, PS256, ES256, EdDSA };

    private readonly string _encodedHeader;
    private readonly string _encodedClaims;
    private readonly string _encodedSignature;

    private SignedJwt(string[] parts, JsonElement header, JsonElement claims)
    {
        (_encodedHeader, _encodedClaims, _encodedSignature) = (parts[0], parts[1], parts[2]);
        Header = header;
        Claims = claims;
    }

    public JsonElement Header { get; }

    public JsonElement Claims { get; }

    public string? Algorithm => Text(Header, "alg");

    public string? KeyId => Text(Header, "kid");

    public string? Issuer => Claim("iss");

    public string? Subject => Claim("sub");

    /// <summary>The header and claims as sent: what the signature covers.</summary>
    public string SignedPart => $"{_encodedHeader}.{_encodedClaims}";

    /// <summary>Three base64url segments whose first two are JSON objects; nothing about the signature yet.</summary>
    public static bool TryParse(string token, [NotNullWhen(true)] out SignedJwt? jwt)
    {
        jwt = null;
        var parts = token.Split('.');
        if (parts.Length != 3 || DecodeObject(parts[0]) is not { } header || DecodeObject(parts[1]) is not { } claims)
        {
            return false;
        }
        jwt = new SignedJwt(parts, header, claims);
        return true;
    }

    /// <summary>
    /// True when the header's <c>alg</c> is one of <paramref name="algorithms"/>, fits the key's type
    /// (RSA for RS256/PS256, EC P-256 for ES256, Ed25519 for EdDSA) and the signature verifies. <c>none</c> and HMAC never
    /// pass: no asymmetric key verifies them.
    /// </summary>
    public bool VerifySignature(AsymmetricAlgorithm key, IReadOnlySet<string> algorithms)
    {
        var algorithm = Algorithm;
        if (algorithm is null || !algorithms.Contains(algorithm))
        {
            return false;
        }
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(_encodedSignature);
        }
        catch (FormatException)
        {
            return false;
        }
        var signed = Encoding.ASCII.GetBytes(SignedPart);
        try
        {
            return (algorithm, key) switch
            {
                (RS256, RSA rsa) => rsa.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                (PS256, RSA rsa) => rsa.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
                (ES256, ECDsa ec) when ec.KeySize == 256 => ec.VerifyData(signed, signature, HashAlgorithmName.SHA256),
                (EdDSA, Ed25519PublicKey ed25519) => ed25519.Verify(signed, signature),
                _ => false,
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>An RS256 JWT of <paramref name="claims"/> signed by <paramref name="key"/>, named <paramref name="keyId"/>.</summary>
    public static string SignRs256(RSA key, string keyId, object claims)
    {
        var header = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new { alg = RS256, kid = keyId, typ = "JWT" }));
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url.EncodeToString(signature)}";
    }

    public bool HasClaim(string name) => Claims.TryGetProperty(name, out _);

    public string? Claim(string name) => Text(Claims, name);

    /// <summary>A NumericDate claim; null when absent, not a number or out of range.</summary>
    public DateTimeOffset? Time(string name) =>
        Claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds)
            && seconds is > 0 and < 253_402_300_799
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null;

    /// <summary><c>aud</c>, a string or an array of strings (RFC 7519 §4.1.3).</summary>
    public IReadOnlyList<string> Audiences
    {
        get
        {
            if (!Claims.TryGetProperty("aud", out var audience))
            {
                return [];
            }
            List<JsonElement> values = audience.ValueKind == JsonValueKind.Array ? [.. audience.EnumerateArray()] : [audience];
            return values.Select(Text).OfType<string>().ToList();
        }
    }

    /// <summary>Whether <c>aud</c> names <paramref name="issuer"/> (an origin; a trailing slash is the same origin).</summary>
    public bool IsAudience(string issuer) =>
        Audiences.Any(audience => string.Equals(audience.TrimEnd('/'), issuer.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));

    private static JsonElement? DecodeObject(string segment)
    {
        try
        {
            var json = JsonDocument.Parse(Base64Url.DecodeFromChars(segment)).RootElement;
            return json.ValueKind == JsonValueKind.Object ? json : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
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
}
