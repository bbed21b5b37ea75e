using Bootstrap.Api.Common;
using Bootstrap.Domain.Setup;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.Security;

/// <summary>Whether the first run is done; once it is, it stays done, so that answer is cached.</summary>
public sealed class FirstRunGate(IServiceScopeFactory scopes)
{
    private volatile bool _completed;

    public async ValueTask<bool> IsCompletedAsync(CancellationToken cancellationToken)
    {
        if (!_completed)
        {
            await using var scope = scopes.CreateAsyncScope();
            _completed = !(await scope.ServiceProvider.GetRequiredService<SetupService>().GetFirstRunStatusAsync(cancellationToken)).Allowed;
        }
        return _completed;
    }
}

/// <summary>
/// Until the first run completes, the only API routes that answer are the setup doors (the system
/// API's instance creation is one: its credential is the operator's own), health, sign-in and the
/// public OIDC discovery documents; everything else is 401, so a fresh installation exposes as little as possible.
/// </summary>
public sealed class UnclaimedSurfaceMiddleware(RequestDelegate next, FirstRunGate gate, ApiErrorMappers errors)
{
    private static readonly PathString[] OpenBeforeSetup =
    [
        "/api/setup", "/api/setup/claim/verify", "/api/v2/setup", "/api/v1/admin/bootstrap", "/api/v2/signin", "/api/v2/signout", "/health", "/ready", "/ping",
        OAuth.Discovery.OidcDiscovery.ConfigurationPath, OAuth.Discovery.OidcDiscovery.KeysPath,
        "/zitadel.system.v1.SystemService/Healthz", "/zitadel.admin.v1.AdminService/Healthz",
        "/system/v1/instances", "/system/v1/instances/_create",
        "/zitadel.system.v1.SystemService/CreateInstance", "/zitadel.system.v1.SystemService/AddInstance",
    ];

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (ApiFamilies.Resolve(path) is null
            || OpenBeforeSetup.Any(open => path.Equals(open, StringComparison.OrdinalIgnoreCase))
            || await gate.IsCompletedAsync(context.RequestAborted))
        {
            await next(context);
            return;
        }
        await errors.WriteAsync(context, new ApiError(ErrorKind.Unauthorized, "this installation is not set up yet"));
    }
}
