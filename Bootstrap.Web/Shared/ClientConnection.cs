using System.Net;

namespace Bootstrap.Web.Shared;

/// <summary>
/// Who the browser is, captured from the page request: a Blazor circuit has no HttpContext of its own,
/// so the static root component hands this to the interactive tree.
/// </summary>
public sealed class ClientConnection
{
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "Forwarded", "X-Real-IP"];

    /// <summary>A direct loopback connection; anything that came through a proxy is not local.</summary>
    public bool IsLocal { get; set; }

    public string? RemoteAddress { get; set; }

    public static ClientConnection From(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is { IsIPv4MappedToIPv6: true })
        {
            address = address.MapToIPv4();
        }
        var forwarded = ForwardingHeaders.Any(header => context.Request.Headers.ContainsKey(header));
        return new ClientConnection
        {
            IsLocal = address is not null && IPAddress.IsLoopback(address) && !forwarded,
            RemoteAddress = address?.ToString(),
        };
    }
}
