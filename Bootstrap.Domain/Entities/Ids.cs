using System.Globalization;
using System.Security.Cryptography;

namespace Bootstrap.Domain.Entities;

/// <summary>
/// Every entity carries a GUID (Infisical-facing) and a positive 63-bit number that is shown as
/// 16 lowercase hex chars to Influx clients and as a decimal string to Zitadel clients.
/// </summary>
public static class Ids
{
    public static long NewNumber()
    {
        Span<byte> bytes = stackalloc byte[8];
        long value;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            value = BitConverter.ToInt64(bytes) & long.MaxValue;
        }
        while (value == 0);
        return value;
    }

    public static string ToInfluxId(long number) => number.ToString("x16", CultureInfo.InvariantCulture);

    public static string ToZitadelId(long number) => number.ToString(CultureInfo.InvariantCulture);

    public static bool TryParseInfluxId(string? id, out long number)
    {
        number = 0;
        return id is { Length: 16 }
            && long.TryParse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out number)
            && number > 0;
    }

    public static bool TryParseZitadelId(string? id, out long number)
    {
        number = 0;
        return long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }
}
