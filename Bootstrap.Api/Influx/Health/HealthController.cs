using Bootstrap.Api.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Influx.Health;

[ApiController]
[AllowAnonymous]
public sealed class HealthController(BootstrapDbContext db, TimeProvider clock) : ControllerBase
{
    private static readonly DateTime StartedAt = DateTime.UtcNow;
    private static readonly string Version = typeof(HealthController).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    [HttpGet("/health")]
    public HealthResponse Health() => new("bootstrap", "ready for queries and writes", "pass", [], Version);

    /// <summary>Ready once the database answers and every migration is applied.</summary>
    [HttpGet("/ready")]
    public async Task<IActionResult> Ready(CancellationToken cancellationToken)
    {
        var ready = await db.Database.CanConnectAsync(cancellationToken)
            && !(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
        var up = clock.GetUtcNow().UtcDateTime - StartedAt;
        return StatusCode(
            ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
            new ReadyResponse(ready ? "ready" : "unavailable", InfluxPresenter.Timestamp(StartedAt), $"{up.TotalSeconds:F0}s"));
    }

    public sealed record HealthResponse(string Name, string Message, string Status, IReadOnlyList<object> Checks, string Version);

    public sealed record ReadyResponse(string Status, string Started, string Up);
}
