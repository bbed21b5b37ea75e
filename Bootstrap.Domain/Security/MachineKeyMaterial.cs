using System.Security.Cryptography;

namespace Bootstrap.Domain.Security;

/// <summary>A freshly generated RSA key pair: the public half is stored, the private half handed out once.</summary>
public sealed record MachineKeyMaterial(string PublicKeyPem, string PrivateKeyPem)
{
    public const int KeySizeBits = 2048;

    public static MachineKeyMaterial Generate()
    {
        using var rsa = RSA.Create(KeySizeBits);
        return new(rsa.ExportSubjectPublicKeyInfoPem(), rsa.ExportRSAPrivateKeyPem());
    }
}
