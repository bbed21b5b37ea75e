using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Bootstrap.Api.Tests.Infrastructure;

/// <summary>Self-signed system-user JWTs as Zitadel's clients build them (<c>newSystemToken</c>), and the config that trusts their keys.</summary>
public static class SystemUserJwts
{
    /// <summary>The claims <c>newSystemToken</c> of @zitadel/client sets: iss = sub = the user, aud, iat, exp one hour on.</summary>
    public static Dictionary<string, object> Claims(string userId, object audience, DateTimeOffset? issuedAt = null, TimeSpan? lifetime = null)
    {
        var iat = issuedAt ?? DateTimeOffset.UtcNow;
        return new Dictionary<string, object>
        {
            ["iss"] = userId,
            ["sub"] = userId,
            ["aud"] = audience,
            ["iat"] = iat.ToUnixTimeSeconds(),
            ["exp"] = (iat + (lifetime ?? TimeSpan.FromHours(1))).ToUnixTimeSeconds(),
        };
    }

    /// <param name="algorithm">RS256, PS256, ES256, or the forgeries: HS256 (keyed with the public key's PEM) and none.</param>
    public static string Sign(AsymmetricAlgorithm key, string algorithm, IReadOnlyDictionary<string, object> claims, string? kid = null)
    {
        var header = Encode(kid is null ? new Dictionary<string, object> { ["alg"] = algorithm, ["typ"] = "JWT" }
            : new Dictionary<string, object> { ["alg"] = algorithm, ["typ"] = "JWT", ["kid"] = kid });
        var signed = $"{header}.{Encode(claims)}";
        var data = Encoding.ASCII.GetBytes(signed);
        var signature = (algorithm, key) switch
        {
            ("RS256", RSA rsa) => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ("PS256", RSA rsa) => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            ("ES256", ECDsa ec) => ec.SignData(data, HashAlgorithmName.SHA256),
            ("HS256", _) => HMACSHA256.HashData(Encoding.ASCII.GetBytes(key.ExportSubjectPublicKeyInfoPem()), data),
            ("none", _) => [],
            _ => throw new ArgumentException($"cannot sign {algorithm} with {key.GetType().Name}"),
        };
        return $"{signed}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary><c>SystemApi:Users:&lt;id&gt;:KeyData</c> for a public key: base64 of its PKIX PEM.</summary>
    public static string KeyData(AsymmetricAlgorithm key) => Convert.ToBase64String(Encoding.ASCII.GetBytes(key.ExportSubjectPublicKeyInfoPem()));

    public static string KeyData(X509Certificate2 certificate) => Convert.ToBase64String(Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()));

    public static X509Certificate2 SelfSignedCertificate(RSA key, DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        new CertificateRequest("CN=system-user", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(notBefore, notAfter);

    private static string Encode(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}
