using Bootstrap.Api.Data;
using Microsoft.AspNetCore.Http;

namespace Bootstrap.Api.Tenancy;

/// <summary>Points the request's scope (and so every query filter) at the instance its Host names.</summary>
public sealed class InstanceResolutionMiddleware(RequestDelegate next, InstanceDirectory directory)
{
    public async Task InvokeAsync(HttpContext context, CurrentInstance currentInstance, DatabaseSchema schema)
    {
        // While migrations are pending only the probes get this far (PendingMigrationsMiddleware): they need no instance, and there is no table to find one in.
        if (schema.IsKnownMigrated)
        {
            currentInstance.Id = await directory.ResolveAsync(context.Request.Host.Host, context.RequestAborted);
        }
        await next(context);
    }
}
