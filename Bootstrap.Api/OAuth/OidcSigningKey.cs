namespace Bootstrap.Api.OAuth;

/// <summary>
/// The RSA key that signs id_tokens, one per <see cref="Generation"/> for the whole installation. Its
/// private half is sealed under the key-ring key (which lives outside the database), so a copy of the
/// database alone cannot mint tokens; every replica and restart reads the same row and publishes the same key.
/// </summary>
public sealed class OidcSigningKey
{
    /// <summary>The primary key: of two replicas creating the first key at once, the database keeps exactly one.</summary>
    public int Generation { get; set; }

    /// <summary>The <c>kid</c> in tokens and in the JWKS.</summary>
    public required string KeyId { get; set; }

    /// <summary>PKCS#8, sealed by <see cref="KeyRing.KeyRingKey.Seal"/>.</summary>
    public required byte[] SealedPrivateKey { get; set; }

    public DateTime CreatedAt { get; set; }
}
