using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bootstrap.Api.Health;

/// <summary>
/// Kubernetes-style probes on the framework's health checks: <c>/health/live</c> (the process
/// answers) and <c>/health/ready</c> (started, database reachable and migrated, key ring usable).
/// The Influx-shaped <c>/health</c>, <c>/ready</c> and <c>/ping</c> stay as they are.
/// </summary>
public static class HealthProbes
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    private const string LiveTag = "live";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddHealthProbes(this IServiceCollection services)
    {
        services.AddSingleton<StartupHealthCheck>();
        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("the process answers"), [LiveTag])
            .AddCheck<StartupHealthCheck>("startup", tags: [ReadyTag])
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<KeyRingHealthCheck>("keyRing", tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// Middleware rather than endpoints, and first in the pipeline: the probes must answer while the
    /// start-up steps still run (a replica waiting for another's migration is alive, not ready),
    /// which the start-up gate would hold, and on whatever Host a kubelet sends, which the Host
    /// check would refuse. Before setup too: the first-run gate comes later.
    /// </summary>
    public static IApplicationBuilder UseHealthProbes(this IApplicationBuilder app) => app
        .UseHealthChecks(LivePath, Options(LiveTag))
        .UseHealthChecks(ReadyPath, Options(ReadyTag));

    private static HealthCheckOptions Options(string tag) => new()
    {
        Predicate = check => check.Tags.Contains(tag),
        ResponseWriter = WriteAsync,
    };

    /// <summary>Status and the checks' own descriptions only: never an exception's message, which can name hosts or carry a connection string.</summary>
    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description ?? (entry.Exception is null ? null : "the check failed"));
            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
