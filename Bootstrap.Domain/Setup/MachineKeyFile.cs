using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bootstrap.Domain.Entities;

namespace Bootstrap.Domain.Setup;

/// <summary>Zitadel's JSON key file, which its SDKs and the JWT profile grant read.</summary>
public sealed record MachineKeyFile(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("keyId")] string KeyId,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("expirationDate")] string ExpirationDate,
    [property: JsonPropertyName("userId")] string UserId)
{
    /// <summary>Zitadel's "never expires".</summary>
    public static readonly DateTime NoExpiration = new(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc);

    public static string ToBase64(MachineKey key, string privateKeyPem, User user)
    {
        var file = new MachineKeyFile(
            "serviceaccount",
            Ids.ToZitadelId(key.Number),
            privateKeyPem,
            key.ExpiresAt.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            Ids.ToZitadelId(user.Number));
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(file)));
    }

    public static MachineKeyFile FromBase64(string base64) =>
        JsonSerializer.Deserialize<MachineKeyFile>(Convert.FromBase64String(base64))
        ?? throw new FormatException("The machine key file is empty.");
}
