using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Bootstrap.Domain.Entities;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Bootstrap.Api.Security.Callers;

/// <summary>
/// Lets the wizard's own HTTP calls speak for the browser behind the circuit. The wizard signs the
/// browser's address with a key that exists only in this process's memory; a header nobody else can
/// sign is the only way to be attributed to another address, so an outside client cannot obtain it.
/// </summary>
public sealed class WizardRelay(TimeProvider clock)
{
    public const string HeaderName = "X-Bootstrap-Relay";

    private const string Version = "v1";

    /// <summary>Neither an address (dots, colons) nor base64url uses it.</summary>
    private const char Separator = '~';

    /// <summary>A relay is made for one call that is sent at once; an older one is a replay.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>The header value that attributes a call to <paramref name="browser"/>.</summary>
    public string Sign(IPAddress? browser, bool browserIsDirectLoopback)
    {
        var payload = string.Join(Separator, Version, Encode(browser), browserIsDirectLoopback ? "1" : "0",
            clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return payload + Separator + WebEncoders.Base64UrlEncode(Mac(payload));
    }

    /// <summary>The browser a valid relay names. The header is removed either way: it is never seen past this point.</summary>
    public bool TryRead(HttpContext context, out Caller browser)
    {
        browser = null!;
        var headers = context.Request.Headers;
        if (!headers.TryGetValue(HeaderName, out var values))
        {
            return false;
        }
        headers.Remove(HeaderName);

        var parts = values.Count == 1 ? values[0]!.Split(Separator) : [];
        if (parts.Length != 5 || parts[0] != Version
            || !TryDecodeMac(parts[4], out var mac)
            || !CryptographicOperations.FixedTimeEquals(mac, Mac(string.Join(Separator, parts[..4])))
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var signedAt)
            || (clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(signedAt)).Duration() > Lifetime)
        {
            return false;
        }

        var address = parts[1] == "-" ? null : IPAddress.Parse(parts[1]);
        browser = new Caller(address, parts[2] == "1", SetupChannel.Wizard);
        return true;
    }

    private static string Encode(IPAddress? address) => Caller.Normalize(address)?.ToString() ?? "-";

    private byte[] Mac(string payload) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(payload));

    private static bool TryDecodeMac(string text, out byte[] mac)
    {
        try
        {
            mac = WebEncoders.Base64UrlDecode(text);
            return mac.Length == HMACSHA256.HashSizeInBytes;
        }
        catch (FormatException)
        {
            mac = [];
            return false;
        }
    }
}
