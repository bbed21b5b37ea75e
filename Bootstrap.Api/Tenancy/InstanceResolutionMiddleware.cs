using Bootstrap.Api.Data;
using Microsoft.AspNetCore.Http;

namespace Bootstrap.Api.Tenancy;

/// <summary>Points the request's scope (and so every query filter) at the instance its Host names.</summary>
public sealed class InstanceResolutionMiddleware(RequestDelegate next, InstanceDirectory directory)
{
    public async Task InvokeAsync(HttpContext context, CurrentInstance currentInstance)
    {
        currentInstance.Id = await directory.ResolveAsync(context.Request.Host.Host, context.RequestAborted);
        await next(context);
    }
}
