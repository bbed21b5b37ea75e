using Bootstrap.Api.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Bootstrap.Api.Security;

/// <summary>
/// Refuses an unsafe API request authenticated by the session cookie unless the browser says it came from
/// this site's own pages: a cookie rides along with any site's form or fetch (CSRF). Calls authenticated by
/// an Authorization header are not subject to it: no other site can make a browser send that header.
/// </summary>
public sealed class SameOriginMiddleware(RequestDelegate next, ApiErrorMappers errors)
{
    private const string FetchSiteHeader = "Sec-Fetch-Site";

    public Task InvokeAsync(HttpContext context)
    {
        if (IsSafe(context.Request.Method)
            || ApiFamilies.Resolve(context.Request.Path) is null
            || !IsCookieSession(context)
            || IsSameOrigin(context.Request))
        {
            return next(context);
        }
        return errors.WriteAsync(context, new ApiError(ErrorKind.Forbidden,
            "a session cookie is accepted on this request only from this site's own pages"));
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    private static bool IsCookieSession(HttpContext context) =>
        context.User.Identities.Any(identity => identity.IsAuthenticated && identity.AuthenticationType == IdentityConstants.ApplicationScheme);

    /// <summary>
    /// <c>Sec-Fetch-Site</c> first: the browser's own verdict, which a proxy rewriting the Host cannot spoil.
    /// Browsers without it send <c>Origin</c> on every cross-origin POST. A request with neither is no
    /// browser's (the influx CLI signs in and replays the cookie).
    /// </summary>
    private static bool IsSameOrigin(HttpRequest request)
    {
        var fetchSite = request.Headers[FetchSiteHeader].ToString();
        if (fetchSite.Length > 0)
        {
            return fetchSite is "same-origin" or "none";
        }
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }
        return Uri.TryCreate(origin, UriKind.Absolute, out var originUri)
            && originUri.Scheme.Equals(request.Scheme, StringComparison.OrdinalIgnoreCase)
            && originUri.Host.Equals(request.Host.Host, StringComparison.OrdinalIgnoreCase)
            && originUri.Port == (request.Host.Port ?? (request.IsHttps ? 443 : 80));
    }
}
