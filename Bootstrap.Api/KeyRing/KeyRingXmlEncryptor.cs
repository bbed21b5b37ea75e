using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.KeyRing;

/// <summary>
/// Encrypts each data-protection key element (which holds the <c>masterKey</c>) with AES-256-GCM
/// under the <see cref="KeyRingKey"/>, so the key ring stored in the database is useless without it.
/// </summary>
public sealed class KeyRingXmlEncryptor(KeyRingKey key) : IXmlEncryptor
{
    internal const string ElementName = "aesGcmEncryptedKey";

    /// <summary>Binds each ciphertext to its purpose: a value encrypted under the same key for anything else does not decrypt here.</summary>
    internal static readonly byte[] AssociatedData = "Bootstrap data-protection key ring"u8.ToArray();

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = key.Seal(plaintext, AssociatedData);
        CryptographicOperations.ZeroMemory(plaintext);

        var encrypted = new XElement(ElementName,
            new XComment($" AES-256-GCM under the key in {KeyRingProtection.KeyFileSetting} or {KeyRingProtection.KeySetting} "),
            new XElement("value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(encrypted, typeof(KeyRingXmlDecryptor));
    }
}

/// <summary>
/// The framework creates this by type name for each element that <see cref="KeyRingXmlEncryptor"/>
/// wrote; key elements stored before encryption existed carry no decryptor and are read as they are.
/// </summary>
public sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetRequiredService<KeyRingKey>();
        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element("value")
            ?? throw new CryptographicException($"<{KeyRingXmlEncryptor.ElementName}> has no <value>."));
        byte[]? plaintext = null;
        try
        {
            plaintext = key.Open(sealedBytes, KeyRingXmlEncryptor.AssociatedData);
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        catch (AuthenticationTagMismatchException exception)
        {
            throw new CryptographicException(
                $"A data-protection key in the database was encrypted with another key than this host's ({KeyRingProtection.KeyFileSetting} / " +
                $"{KeyRingProtection.KeySetting}): replicas must share one key; a copy of the database without it cannot read the key ring.", exception);
        }
        finally
        {
            if (plaintext is not null)
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }
    }
}
