using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Bootstrap.Domain.Security;

/// <summary>Generation and hashing of bearer secrets (operator tokens, PATs, claim tokens).</summary>
public static class Secrets
{
    /// <summary>64 random bytes, base64url without padding: the shape of an InfluxDB token.</summary>
    public static string NewToken() => NewRandom(64);

    /// <summary>256 bits, for the one-time setup claim token.</summary>
    public static string NewClaimToken() => NewRandom(32);

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool HashEquals(byte[] hash, string secret) =>
        CryptographicOperations.FixedTimeEquals(hash, Hash(secret));

    private static string NewRandom(int byteCount) =>
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(byteCount));
}
