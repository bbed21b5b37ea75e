using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Bootstrap.Api.Security.Jwt;

/// <summary>
/// An Ed25519 public key (RFC 8032), verified with BouncyCastle because .NET has no Ed25519. It is an
/// <see cref="AsymmetricAlgorithm"/>, as .NET's RSA and ECDsa are, so it goes wherever they go: a system
/// user's key and <see cref="SignedJwt.VerifySignature"/>, which pairs it with <c>EdDSA</c> only.
/// </summary>
public sealed class Ed25519PublicKey : AsymmetricAlgorithm
{
    /// <summary>id-Ed25519 (RFC 8410), the algorithm of a PKIX key or certificate holding one.</summary>
    public const string Oid = "1.3.101.112";

    private readonly Ed25519PublicKeyParameters _key;

    /// <param name="encoded">The 32-byte encoded point: the BIT STRING of a PKIX <c>PUBLIC KEY</c>.</param>
    /// <exception cref="CryptographicException">Not 32 bytes, or not a point on the curve.</exception>
    public Ed25519PublicKey(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != Ed25519PublicKeyParameters.KeySize)
        {
            throw new CryptographicException($"an Ed25519 public key is {Ed25519PublicKeyParameters.KeySize} bytes, not {encoded.Length}");
        }
        try
        {
            _key = new Ed25519PublicKeyParameters(encoded);
        }
        catch (ArgumentException)
        {
            throw new CryptographicException("the Ed25519 public key is not a point on the curve");
        }
        LegalKeySizesValue = [new KeySizes(256, 256, 0)];
        KeySizeValue = 256;
    }

    public override string SignatureAlgorithm => "Ed25519";

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        signature.Length == Ed25519.SignatureSize && _key.Verify(Ed25519.Algorithm.Ed25519, null, data, signature);
}
