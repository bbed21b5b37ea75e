using System.Net;
using Bootstrap.Domain.Entities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bootstrap.Api.Security.Callers;

/// <summary>
/// The one place that decides who is calling. A wizard relay signed by this process names the browser;
/// otherwise forwarding headers are applied only when the socket peer is a configured proxy
/// (<see cref="TrustedProxies"/>); from anyone else they change nothing.
/// </summary>
public sealed class CallerMiddleware
{
    /// <summary>Headers proxies use to name a client. From an untrusted peer they are never believed, but they do cost a loopback caller its exemption.</summary>
    private static readonly string[] ForwardingHeaders =
        ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP", "X-Original-For", "X-Client-IP", "True-Client-IP", "CF-Connecting-IP", "Via"];

    private readonly RequestDelegate _next;
    private readonly WizardRelay _relay;
    private readonly TrustedProxies _proxies;
    private readonly RequestDelegate _forwarded;

    public CallerMiddleware(RequestDelegate next, WizardRelay relay, TrustedProxies proxies, IOptions<ForwardedHeadersOptions> forwardedOptions, ILoggerFactory loggers)
    {
        _next = next;
        _relay = relay;
        _proxies = proxies;
        _forwarded = new ForwardedHeadersMiddleware(Continue, loggers, forwardedOptions).Invoke;
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (_relay.TryRead(context, out var browser))
        {
            context.Connection.RemoteIpAddress = browser.Address;
            context.Features.Set(new CallerFeature(browser));
            return _next(context);
        }

        if (_proxies.Trusts(context.Connection.RemoteIpAddress))
        {
            return _forwarded(context);
        }

        context.Features.Set(new CallerFeature(FromConnection(context, throughProxy: false)));
        return _next(context);
    }

    private Task Continue(HttpContext context)
    {
        context.Features.Set(new CallerFeature(FromConnection(context, throughProxy: true)));
        return _next(context);
    }

    internal static Caller FromConnection(HttpContext context, bool throughProxy)
    {
        var address = Caller.Normalize(context.Connection.RemoteIpAddress);
        var loopback = address is null || IPAddress.IsLoopback(address);
        var directLoopback = loopback && !throughProxy && !ForwardingHeaders.Any(context.Request.Headers.ContainsKey);
        return new Caller(address, directLoopback, SetupChannel.Api);
    }
}

public static class CallerApplicationBuilderExtensions
{
    /// <summary>Runs <see cref="CallerMiddleware"/>; the framework's forwarded-headers middleware runs inside it, for trusted proxies only.</summary>
    public static IApplicationBuilder UseCallers(this IApplicationBuilder app) => app.UseMiddleware<CallerMiddleware>();
}
