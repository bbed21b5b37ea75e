using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Asn1.EdEC;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.X509;

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
    public static string Sign(AsymmetricAlgorithm key, string algorithm, IReadOnlyDictionary<string, object> claims, string? kid = null) =>
        Sign(algorithm, claims, kid, data => (algorithm, key) switch
        {
            ("RS256", RSA rsa) => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ("PS256", RSA rsa) => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            ("ES256", ECDsa ec) => ec.SignData(data, HashAlgorithmName.SHA256),
            ("HS256", _) => HMACSHA256.HashData(Encoding.ASCII.GetBytes(key.ExportSubjectPublicKeyInfoPem()), data),
            ("none", _) => [],
            _ => throw new ArgumentException($"cannot sign {algorithm} with {key.GetType().Name}"),
        });

    /// <summary>An EdDSA JWT (RFC 8037) signed by an Ed25519 key, which .NET cannot hold: BouncyCastle's.</summary>
    public static string SignEdDsa(Ed25519PrivateKeyParameters key, IReadOnlyDictionary<string, object> claims) =>
        Sign("EdDSA", claims, kid: null, data =>
        {
            var signer = new Ed25519Signer();
            signer.Init(forSigning: true, key);
            signer.BlockUpdate(data, 0, data.Length);
            return signer.GenerateSignature();
        });

    private static string Sign(string algorithm, IReadOnlyDictionary<string, object> claims, string? kid, Func<byte[], byte[]> sign)
    {
        var header = Encode(kid is null ? new Dictionary<string, object> { ["alg"] = algorithm, ["typ"] = "JWT" }
            : new Dictionary<string, object> { ["alg"] = algorithm, ["typ"] = "JWT", ["kid"] = kid });
        var signed = $"{header}.{Encode(claims)}";
        return $"{signed}.{Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(signed)))}";
    }

    /// <summary><c>SystemApi:Users:&lt;id&gt;:KeyData</c> for a public key: base64 of its PKIX PEM.</summary>
    public static string KeyData(AsymmetricAlgorithm key) => Convert.ToBase64String(Encoding.ASCII.GetBytes(key.ExportSubjectPublicKeyInfoPem()));

    public static string KeyData(Ed25519PublicKeyParameters key) => KeyData(SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(key));

    /// <summary>A PKIX Ed25519 <c>PUBLIC KEY</c> holding <paramref name="encodedPoint"/> as it is, valid or not.</summary>
    public static string Ed25519KeyData(byte[] encodedPoint) =>
        KeyData(new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), encodedPoint));

    private static string KeyData(SubjectPublicKeyInfo key) => Convert.ToBase64String(Encoding.ASCII.GetBytes(PemEncoding.WriteString("PUBLIC KEY", key.GetEncoded())));

    public static string KeyData(X509Certificate2 certificate) => Convert.ToBase64String(Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()));

    public static X509Certificate2 SelfSignedCertificate(RSA key, DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        new CertificateRequest("CN=system-user", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(notBefore, notAfter);

    /// <summary>A certificate for an Ed25519 key, signed by an RSA issuer: .NET can put any PKIX key in a certificate, but sign only with RSA or EC.</summary>
    public static X509Certificate2 Ed25519Certificate(Ed25519PublicKeyParameters key, RSA issuer, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(key).GetEncoded(), out _);
        return new CertificateRequest(new X500DistinguishedName("CN=system-user"), publicKey, HashAlgorithmName.SHA256)
            .Create(new X500DistinguishedName("CN=issuer"), X509SignatureGenerator.CreateForRSA(issuer, RSASignaturePadding.Pkcs1), notBefore, notAfter, [1]);
    }

    private static string Encode(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}
