using System.Globalization;
using Bootstrap.Api.Influx;

namespace Bootstrap.Api.Zitadel;

/// <summary>Zitadel's ObjectDetails; on a write the sequence is the write's timestamp.</summary>
public sealed record ZitadelDetails(string Sequence, string CreationDate, string ChangeDate, string ResourceOwner)
{
    public static ZitadelDetails Of(DateTime at, string resourceOwner)
    {
        var stamp = InfluxPresenter.Timestamp(at);
        var sequence = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return new(sequence, stamp, stamp, resourceOwner);
    }
}
