using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Bootstrap.Api.Common;

namespace Bootstrap.Api.Zitadel.SystemApi;

/// <summary>One <c>SystemApi:Users:&lt;userId&gt;</c> entry: <c>KeyData</c> (base64 of a PEM) or <c>Path</c> (a PEM file).</summary>
public sealed class SystemApiUserOptions
{
    public string? KeyData { get; set; }

    public string? Path { get; set; }
}

/// <summary>
/// A system user's public key, as Zitadel's <c>SystemAPIUsers</c> takes it: a PKIX public key (RSA or
/// EC P-256) or an X.509 certificate, whose validity dates then bound when the key is accepted.
/// </summary>
public sealed class SystemUserKey
{
    private const string Ed25519Oid = "1.3.101.112";

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
                "PUBLIC KEY" => new SystemUserKey(ImportPublicKey(key, der), null, null),
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
        AsymmetricAlgorithm publicKey = certificate.GetRSAPublicKey() as AsymmetricAlgorithm
            ?? certificate.GetECDsaPublicKey()
            ?? throw Unsupported(key, certificate.PublicKey.Oid.Value);
        RequireP256(key, publicKey);
        return new SystemUserKey(publicKey, new DateTimeOffset(certificate.NotBefore.ToUniversalTime()), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
    }

    private static AsymmetricAlgorithm ImportPublicKey(string key, byte[] subjectPublicKeyInfo)
    {
        var algorithm = PublicKey.CreateFromSubjectPublicKeyInfo(subjectPublicKeyInfo, out _).Oid.Value;
        AsymmetricAlgorithm publicKey = algorithm switch
        {
            "1.2.840.113549.1.1.1" => RSA.Create(),
            "1.2.840.10045.2.1" => ECDsa.Create(),
            _ => throw Unsupported(key, algorithm),
        };
        publicKey.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        RequireP256(key, publicKey);
        return publicKey;
    }

    /// <summary>ES256 is the only EC algorithm a JWT may use here (as in Zitadel), and it means P-256.</summary>
    private static void RequireP256(string key, AsymmetricAlgorithm publicKey)
    {
        if (publicKey is ECDsa { KeySize: not 256 })
        {
            throw new InvalidConfigurationException(key, $"an EC key must be on P-256 (ES256), not a {publicKey.KeySize}-bit curve");
        }
    }

    private static InvalidConfigurationException Unsupported(string key, string? algorithm) =>
        new(key, algorithm == Ed25519Oid
            ? "Ed25519 keys are not supported: Zitadel's verifier accepts RS256, PS256 and ES256 only; use an RSA or EC P-256 key"
            : $"unsupported key algorithm {algorithm} (use an RSA or EC P-256 key)");
}
