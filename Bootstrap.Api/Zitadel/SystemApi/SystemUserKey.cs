using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Bootstrap.Api.Common;
using Bootstrap.Api.Security.Jwt;

namespace Bootstrap.Api.Zitadel.SystemApi;

/// <summary>One <c>SystemApi:Users:&lt;userId&gt;</c> entry: <c>KeyData</c> (base64 of a PEM) or <c>Path</c> (a PEM file).</summary>
public sealed class SystemApiUserOptions
{
    public string? KeyData { get; set; }

    public string? Path { get; set; }
}

/// <summary>
/// A system user's public key, as Zitadel's <c>SystemAPIUsers</c> takes it: a PKIX public key (RSA,
/// EC P-256 or Ed25519) or an X.509 certificate holding one, whose validity dates then bound when the key is accepted.
/// </summary>
public sealed class SystemUserKey
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    private SystemUserKey(AsymmetricAlgorithm key, DateTimeOffset? notBefore, DateTimeOffset? notAfter)
    {
        Key = key;
        NotBefore = notBefore;
        NotAfter = notAfter;
    }

    public AsymmetricAlgorithm Key { get; }

    public DateTimeOffset? NotBefore { get; }

    public DateTimeOffset? NotAfter { get; }

    /// <summary>Reads and parses the entry; any problem is an <see cref="InvalidConfigurationException"/> naming the key.</summary>
    public static SystemUserKey Load(string userId, SystemApiUserOptions options)
    {
        var entryKey = $"{SystemApiOptions.UsersKey}:{userId}";
        var hasData = !string.IsNullOrWhiteSpace(options.KeyData);
        var hasPath = !string.IsNullOrWhiteSpace(options.Path);
        if (hasData == hasPath)
        {
            throw new InvalidConfigurationException(entryKey, "set exactly one of KeyData (base64 of a PEM) or Path (a PEM file)");
        }
        return hasData
            ? Parse($"{entryKey}:KeyData", DecodeBase64($"{entryKey}:KeyData", options.KeyData!))
            : Parse($"{entryKey}:Path", ReadFile($"{entryKey}:Path", options.Path!));
    }

    private static string DecodeBase64(string key, string value)
    {
        var bytes = new byte[value.Length];
        if (!Convert.TryFromBase64String(value.Trim(), bytes, out var written))
        {
            throw new InvalidConfigurationException(key, "is not base64 (encode the PEM file, e.g. base64 -w0 key.pem)");
        }
        return Encoding.UTF8.GetString(bytes, 0, written);
    }

    private static string ReadFile(string key, string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InvalidConfigurationException(key, $"cannot read '{path}': {exception.Message}");
        }
    }

    private static SystemUserKey Parse(string key, string pem)
    {
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new InvalidConfigurationException(key, "holds no PEM block (expected PUBLIC KEY or CERTIFICATE)");
        }
        var label = pem[fields.Label];
        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        try
        {
            return label switch
            {
                "PUBLIC KEY" => new SystemUserKey(ImportPublicKey(key, PublicKey.CreateFromSubjectPublicKeyInfo(der, out _)), null, null),
                "CERTIFICATE" => FromCertificate(key, der),
                _ => throw new InvalidConfigurationException(key, $"a PEM '{label}' block is not a public key or certificate (expected PUBLIC KEY or CERTIFICATE)"),
            };
        }
        catch (CryptographicException exception)
        {
            throw new InvalidConfigurationException(key, $"cannot read the {label}: {exception.Message}");
        }
    }

    private static SystemUserKey FromCertificate(string key, byte[] der)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(der);
        return new SystemUserKey(ImportPublicKey(key, certificate.PublicKey), new DateTimeOffset(certificate.NotBefore.ToUniversalTime()), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
    }

    private static AsymmetricAlgorithm ImportPublicKey(string key, PublicKey publicKey)
    {
        AsymmetricAlgorithm imported = publicKey.Oid.Value switch
        {
            RsaOid => publicKey.GetRSAPublicKey()!,
            EcOid => publicKey.GetECDsaPublicKey()!,
            Ed25519PublicKey.Oid => new Ed25519PublicKey(publicKey.EncodedKeyValue.RawData),
            var algorithm => throw new InvalidConfigurationException(key, $"unsupported key algorithm {algorithm} (use an RSA, EC P-256 or Ed25519 key)"),
        };
        RequireP256(key, imported);
        return imported;
    }

    /// <summary>ES256 is the only EC algorithm a JWT may use here (as in Zitadel), and it means P-256.</summary>
    private static void RequireP256(string key, AsymmetricAlgorithm publicKey)
    {
        if (publicKey is ECDsa { KeySize: not 256 })
        {
            throw new InvalidConfigurationException(key, $"an EC key must be on P-256 (ES256), not a {publicKey.KeySize}-bit curve");
        }
    }
}
