using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.Tests.Infrastructure;

/// <summary>Makes every request look like it came from another machine (TestServer has no peer address).</summary>
public sealed class RemotePeerStartupFilter(IPAddress address) : IStartupFilter
{
    public static readonly IPAddress Remote = IPAddress.Parse("203.0.113.9");

    public static Action<IServiceCollection> Install(IPAddress? address = null) =>
        services => services.AddSingleton<IStartupFilter>(new RemotePeerStartupFilter(address ?? Remote));

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = address;
            return nextMiddleware(context);
        });
        next(app);
    };
}
