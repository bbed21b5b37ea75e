using Bootstrap.Api.Data;
using Bootstrap.Domain.Setup;
using Microsoft.AspNetCore.Http;

namespace Bootstrap.Api.Common;

/// <summary>Records an audit event for the current request, outside any setup transaction.</summary>
public sealed class AuditTrail(BootstrapDbContext db, IHttpContextAccessor accessor, TimeProvider clock)
{
    public async Task RecordAsync(string action, bool succeeded, string? subject = null, string? detail = null)
    {
        var context = accessor.HttpContext;
        db.AuditEvents.Add(Provisioner.Audit(
            db.CurrentInstanceId,
            action,
            succeeded,
            context?.SetupContext() ?? new SetupContext(Domain.Entities.SetupChannel.Api, null),
            clock.GetUtcNow().UtcDateTime,
            detail,
            subject));
        await db.SaveChangesAsync(context?.RequestAborted ?? CancellationToken.None);
    }
}
