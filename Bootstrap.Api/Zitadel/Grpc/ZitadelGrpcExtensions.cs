using Bootstrap.Api.Common;
using Bootstrap.Api.Zitadel.Instances;
using Bootstrap.Api.Zitadel.Orgs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.Zitadel.Grpc;

public static class ZitadelGrpcExtensions
{
    /// <summary>The Zitadel doors' shared handlers and their gRPC services.</summary>
    public static IServiceCollection AddZitadelServices(this IServiceCollection services)
    {
        services.AddScoped<InstanceCreation>();
        services.AddScoped<OrgSetUp>();
        services.AddSingleton<ZitadelGrpcErrorMapper>();
        services.AddGrpc(options =>
        {
            options.Interceptors.Add<ZitadelGrpcExceptionInterceptor>();
            // The JSON doors' body limit; the 5-byte gRPC frame header is not part of the message.
            options.MaxReceiveMessageSize = (int)ApiRequestLimits.MaxBodyBytes;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapZitadelGrpc(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<SystemGrpcService>().EnableGrpcWeb();
        endpoints.MapGrpcService<AdminGrpcService>().EnableGrpcWeb();
        return endpoints;
    }
}
