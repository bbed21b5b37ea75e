using Microsoft.AspNetCore.Http;

namespace Bootstrap.Api.Zitadel.Grpc;

/// <summary>Which requests are gRPC or gRPC-Web calls of Zitadel's services.</summary>
public static class GrpcRequests
{
    public const string GrpcContentType = "application/grpc";

    /// <summary>The service paths, <c>/{package}.{service}/{method}</c>, of <c>system.proto</c> and <c>admin.proto</c>.</summary>
    public static readonly PathString[] ServicePaths = ["/zitadel.system.v1.SystemService", "/zitadel.admin.v1.AdminService"];

    public static bool IsServicePath(PathString path) => ServicePaths.Any(service => path.StartsWithSegments(service));

    /// <summary>gRPC (<c>application/grpc[+proto]</c>) or gRPC-Web (<c>application/grpc-web[-text][+proto]</c>).</summary>
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith(GrpcContentType, StringComparison.OrdinalIgnoreCase) == true;

    public static bool IsGrpcWeb(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc-web", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>A gRPC caller of one of Zitadel's services: its errors must be gRPC statuses, not JSON bodies.</summary>
    public static bool IsGrpcCall(HttpRequest request) => IsServicePath(request.Path) && IsGrpc(request);
}
