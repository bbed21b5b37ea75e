using System.Globalization;
using Bootstrap.Api.Influx;

namespace Bootstrap.Api.Zitadel;

/// <summary>Zitadel's ObjectDetails; on a write the sequence is the write's timestamp.</summary>
public sealed record ZitadelDetails(string Sequence, string CreationDate, string ChangeDate, string ResourceOwner)
{
    public static ZitadelDetails Of(DateTime at, string resourceOwner)
    {
        var stamp = InfluxPresenter.Timestamp(at);
        return new(SequenceOf(at).ToString(CultureInfo.InvariantCulture), stamp, stamp, resourceOwner);
    }

    public static ulong SequenceOf(DateTime at) =>
        (ulong)new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
}
