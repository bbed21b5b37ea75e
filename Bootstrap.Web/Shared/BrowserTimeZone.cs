using System.Globalization;
using Microsoft.JSInterop;

namespace Bootstrap.Web.Shared;

/// <summary>
/// The browser's time zone, asked once per circuit (the service is scoped): stored times are UTC and an
/// operator reads them in their own zone. Until the browser has answered, and when it names a zone this
/// server does not know, times stay in UTC and say so.
/// </summary>
public sealed class BrowserTimeZone(IJSRuntime js)
{
    private ViewerTimeZone? _resolved;

    public async ValueTask<ViewerTimeZone> ResolveAsync()
    {
        if (_resolved is null)
        {
            var id = await js.InvokeAsync<string?>("bootstrapUi.timeZone");
            _resolved = id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
                ? new ViewerTimeZone(zone, id)
                : ViewerTimeZone.Utc;
        }
        return _resolved;
    }
}

/// <summary>A time zone and the name shown next to times formatted in it.</summary>
public sealed record ViewerTimeZone(TimeZoneInfo Zone, string Label)
{
    public static readonly ViewerTimeZone Utc = new(TimeZoneInfo.Utc, "UTC");

    public string Format(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone)
            .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
