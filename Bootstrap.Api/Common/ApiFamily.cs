using Bootstrap.Api.Zitadel.Grpc;
using Microsoft.AspNetCore.Http;

namespace Bootstrap.Api.Common;

public enum ApiFamily
{
    Native,
    Influx,
    Infisical,
    Zitadel,
    OAuth,
}

public static class ApiFamilies
{
    /// <summary>Which family a path belongs to, or null for the UI and static assets.</summary>
    public static ApiFamily? Resolve(PathString path)
    {
        if (path.StartsWithSegments("/api/v2") || path.StartsWithSegments("/health") || path.StartsWithSegments("/ready")
            || path.StartsWithSegments("/ping"))
        {
            return ApiFamily.Influx;
        }
        if (path.StartsWithSegments("/api/v1"))
        {
            return ApiFamily.Infisical;
        }
        if (path.StartsWithSegments("/system") || path.StartsWithSegments("/admin") || GrpcRequests.IsServicePath(path))
        {
            return ApiFamily.Zitadel;
        }
        if (path.StartsWithSegments("/oauth") || path.StartsWithSegments("/.well-known"))
        {
            return ApiFamily.OAuth;
        }
        if (path.StartsWithSegments("/api"))
        {
            return ApiFamily.Native;
        }
        return null;
    }
}
