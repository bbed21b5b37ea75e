using Bootstrap.Api.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.Tenancy;

/// <summary>
/// Fresh DI scopes that act on a given instance. A new scope's <see cref="CurrentInstance"/> starts
/// at the first instance, so work done outside a request (a Blazor circuit outlives the request
/// that started it) must name the instance it was routed to, or every query filter points at the
/// first instance.
/// </summary>
public sealed class InstanceScopes(IServiceScopeFactory scopes)
{
    public AsyncServiceScope For(Guid instanceId)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentInstance>().Id = instanceId;
        return scope;
    }
}
