using System.Data.Common;
using Bootstrap.Api.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Influx.Health;

[ApiController]
[AllowAnonymous]
public sealed class HealthController(BootstrapDbContext db, DatabaseSchema schema, TimeProvider clock) : ControllerBase
{
    private static readonly DateTime StartedAt = DateTime.UtcNow;
    private static readonly string Version = typeof(HealthController).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>What InfluxDB 2.x OSS answers; the official clients' <c>ping()</c> reads these headers.</summary>
    private const string InfluxVersion = "v2.7.11";
    private const string InfluxBuild = "OSS";

    [HttpGet("/health")]
    public HealthResponse Health()
    {
        AddInfluxServerHeaders();
        return new("bootstrap", "ready for queries and writes", "pass", [], Version);
    }

    [HttpGet("/ping")]
    [HttpHead("/ping")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public NoContentResult Ping()
    {
        AddInfluxServerHeaders();
        return NoContent();
    }

    /// <summary>
    /// Ready once the database answers and every migration is applied; with <c>Database:MigrateAtStart</c>
    /// false, turns ready without a restart once another process has applied them.
    /// </summary>
    [HttpGet("/ready")]
    [ProducesResponseType<ReadyResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ReadyResponse>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<IActionResult> Ready(CancellationToken cancellationToken)
    {
        var ready = await IsDatabaseReadyAsync(cancellationToken);
        var up = clock.GetUtcNow().UtcDateTime - StartedAt;
        return StatusCode(
            ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
            new ReadyResponse(ready ? "ready" : "unavailable", InfluxPresenter.Timestamp(StartedAt), $"{up.TotalSeconds:F0}s"));
    }

    private void AddInfluxServerHeaders()
    {
        Response.Headers["X-Influxdb-Build"] = InfluxBuild;
        Response.Headers["X-Influxdb-Version"] = InfluxVersion;
    }

    /// <summary>A database that answers with an error (unreachable, not a database) is "not ready", never a 500.</summary>
    private async Task<bool> IsDatabaseReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                && !(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any()
                && await schema.ConfirmMigratedAsync(cancellationToken);
        }
        catch (DbException)
        {
            return false;
        }
    }

    public sealed record HealthResponse(string Name, string Message, string Status, IReadOnlyList<object> Checks, string Version);

    public sealed record ReadyResponse(string Status, string Started, string Up);
}
