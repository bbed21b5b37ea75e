using Bootstrap.Api.Data;
using Bootstrap.Domain.Setup;
using Microsoft.AspNetCore.Http;

namespace Bootstrap.Api.Common;

/// <summary>Records an audit event for the current request, outside any setup transaction.</summary>
public sealed class AuditTrail(BootstrapDbContext db, IHttpContextAccessor accessor, TimeProvider clock)
{
    /// <param name="channel">Overrides the caller's channel, for a door only a browser uses (the sign-in form).</param>
    public async Task RecordAsync(string action, bool succeeded, string? subject = null, string? detail = null, Domain.Entities.SetupChannel? channel = null)
    {
        var context = accessor.HttpContext;
        var caller = context?.SetupContext() ?? new SetupContext(Domain.Entities.SetupChannel.Api, null);
        db.AuditEvents.Add(Provisioner.Audit(
            db.CurrentInstanceId,
            action,
            succeeded,
            channel is { } overridden ? caller with { Channel = overridden } : caller,
            clock.GetUtcNow().UtcDateTime,
            detail,
            subject));
        await db.SaveChangesAsync(context?.RequestAborted ?? CancellationToken.None);
    }
}
