using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bootstrap.Api.Common;
using Microsoft.AspNetCore.Http;

namespace Bootstrap.Api.Security;

/// <summary>
/// The Host header is the client's word. A malformed one (<c>xn--zz</c>, <c>a..b</c>) is refused
/// (or, on UI paths, a missing one) with a 400 before anything parses it: <see cref="HttpRequest.Host"/> throws on bad punycode and
/// Blazor's <c>new Uri(...)</c> on an empty label, which would otherwise be 500s. A well-formed one
/// is still never echoed back: a redirect to this site's own origin leaves as a path, so no
/// <c>Location</c> ever points at whatever host a client claimed.
/// </summary>
public sealed class HostHeaderMiddleware(RequestDelegate next, ApiErrorMappers errors)
{
    private const int MaxHostNameLength = 253;
    private const int MaxLabelLength = 63;

    public Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Headers.Host.ToString();
        // HTTP/1.0 may omit Host: an API call needs none, but the UI builds its links from it.
        var acceptable = host.Length == 0 ? ApiFamilies.Resolve(context.Request.Path) is not null : IsWellFormed(host);
        if (!acceptable)
        {
            return Refuse(context);
        }

        context.Response.OnStarting(() =>
        {
            MakeOwnOriginRedirectRelative(context, host);
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>A DNS name (LDH labels, underscores tolerated for container names, punycode that decodes), an IPv4 address or a bracketed IPv6 address, with an optional port.</summary>
    internal static bool IsWellFormed(string host)
    {
        string name;
        string? port;
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || !IPAddress.TryParse(host.AsSpan(1, close - 1), out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }
            var rest = host[(close + 1)..];
            return rest.Length == 0 || (rest[0] == ':' && IsPort(rest[1..]));
        }

        var colon = host.LastIndexOf(':');
        (name, port) = colon < 0 ? (host, null) : (host[..colon], host[(colon + 1)..]);
        if (port is not null && !IsPort(port))
        {
            return false;
        }
        return IsHostName(name.EndsWith('.') ? name[..^1] : name);
    }

    private static bool IsHostName(string name)
    {
        if (name.Length is 0 or > MaxHostNameLength)
        {
            return false;
        }
        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > MaxLabelLength || label[0] == '-' || label[^1] == '-'
                || !label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }
        return !name.Contains("xn--", StringComparison.OrdinalIgnoreCase) || IsDecodablePunycode(name);
    }

    private static bool IsDecodablePunycode(string name)
    {
        try
        {
            new IdnMapping().GetUnicode(name);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsPort(string port) =>
        port.Length is > 0 and <= 5 && port.All(char.IsAsciiDigit) && int.Parse(port, CultureInfo.InvariantCulture) is > 0 and <= 65535;

    private Task Refuse(HttpContext context)
    {
        if (ApiFamilies.Resolve(context.Request.Path) is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask;
        }
        return errors.WriteAsync(context, new ApiError(ErrorKind.Invalid, "the Host header is not a valid host name"));
    }

    private static void MakeOwnOriginRedirectRelative(HttpContext context, string host)
    {
        var location = context.Response.Headers.Location.ToString();
        if (host.Length > 0
            && Uri.TryCreate(location, UriKind.Absolute, out var target)
            && Uri.TryCreate($"{context.Request.Scheme}://{host}/", UriKind.Absolute, out var requested)
            && Uri.Compare(target, requested, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            context.Response.Headers.Location = target.PathAndQuery + target.Fragment;
        }
    }
}
