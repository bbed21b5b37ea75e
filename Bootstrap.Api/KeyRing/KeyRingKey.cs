using System.Security.Cryptography;
using Bootstrap.Api.Common;
using Bootstrap.Api.Startup;
using Microsoft.Extensions.Logging;

namespace Bootstrap.Api.KeyRing;

/// <summary>
/// The 256-bit key that encrypts the data-protection key ring before it is stored in the database.
/// It lives outside the database: given in configuration (<c>DataProtection:Key</c>, base64, e.g.
/// from a Kubernetes secret) or read from a file (<c>DataProtection:KeyFile</c>) that is created,
/// mode 0600, at the first start. Replicas must share it, or each rejects the others' cookies.
/// </summary>
public sealed class KeyRingKey(KeyRingKeySource source, ILogger<KeyRingKey> logger) : IStartupStep
{
    public const int SizeInBytes = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Lazy<byte[]> _key = new(() => Load(source, logger));

    /// <summary>The key; created on first use if the key file does not exist yet.</summary>
    public ReadOnlySpan<byte> Value => _key.Value;

    /// <summary>
    /// AES-256-GCM under this key: nonce, ciphertext and tag in one array. <paramref name="associatedData"/>
    /// names the purpose, so a value sealed for one purpose never opens as another.
    /// </summary>
    public byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var sealedBytes = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(Value, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize, plaintext.Length), sealedBytes.AsSpan(NonceSize + plaintext.Length), associatedData);
        return sealedBytes;
    }

    /// <summary>The plaintext of <see cref="Seal"/>; the caller zeroes it when it holds a secret.</summary>
    /// <exception cref="AuthenticationTagMismatchException">Sealed under another key or for another purpose.</exception>
    /// <exception cref="CryptographicException">Too short to be sealed by <see cref="Seal"/>.</exception>
    public byte[] Open(ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData)
    {
        var ciphertextLength = sealedBytes.Length - NonceSize - TagSize;
        if (ciphertextLength < 0)
        {
            throw new CryptographicException("The sealed value is too short.");
        }
        var plaintext = new byte[ciphertextLength];
        using var aes = new AesGcm(Value, TagSize);
        aes.Decrypt(sealedBytes[..NonceSize], sealedBytes.Slice(NonceSize, ciphertextLength), sealedBytes[(NonceSize + ciphertextLength)..], plaintext, associatedData);
        return plaintext;
    }

    /// <summary>Loads (or creates) the key before the first request, so a bad key or an unwritable folder stops the start.</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        _ = _key.Value;
        return Task.CompletedTask;
    }

    private static byte[] Load(KeyRingKeySource source, ILogger logger)
    {
        if (!string.IsNullOrEmpty(source.Key))
        {
            return Decode(source.Key, KeyRingProtection.KeySetting);
        }
        if (File.Exists(source.KeyFile))
        {
            return ReadKeyFile(source.KeyFile);
        }
        using var file = PendingSecretFile.Reserve(source.KeyFile, replaceExisting: true);
        var created = RandomNumberGenerator.GetBytes(SizeInBytes);
        if (!file.CommitIfAbsent(Convert.ToBase64String(created)))
        {
            // Another process on the same folder (a replica) created it first: its key is the key.
            return ReadKeyFile(source.KeyFile);
        }
        logger.LogInformation("Created the key-ring key file {Path} (mode 0600); replicas must share it", file.Path);
        return created;
    }

    private static byte[] ReadKeyFile(string path) =>
        Decode(File.ReadAllText(path).Trim(), $"{KeyRingProtection.KeyFileSetting} ({Path.GetFullPath(path)})");

    private static byte[] Decode(string base64, string setting)
    {
        var key = new byte[SizeInBytes];
        if (!Convert.TryFromBase64String(base64, key, out var written) || written != SizeInBytes)
        {
            throw new InvalidOperationException(
                $"{setting} must hold a 256-bit key as base64 (e.g. the output of 'openssl rand -base64 32').");
        }
        return key;
    }
}

/// <summary>Where the key comes from: <see cref="Key"/> when set, otherwise <see cref="KeyFile"/>.</summary>
public sealed record KeyRingKeySource(string? Key, string KeyFile);
