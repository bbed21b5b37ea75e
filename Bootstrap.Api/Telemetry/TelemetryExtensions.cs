using Bootstrap.Api.Common;
using Bootstrap.Domain.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Bootstrap.Api.Telemetry;

/// <summary>
/// Metrics and traces through OpenTelemetry: a Prometheus scrape endpoint at <c>/metrics</c> when
/// <c>Metrics:Enabled</c> is true, OTLP export of traces and metrics when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set. With neither, no OpenTelemetry provider is created at all: the instruments cost nothing unobserved.
/// </summary>
public static class TelemetryExtensions
{
    public const string MetricsEnabledKey = "Metrics:Enabled";
    public const string MetricsPath = "/metrics";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The framework's meters worth watching; the product's own is <see cref="BootstrapMetrics.MeterName"/>.</summary>
    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        "Microsoft.AspNetCore.Identity",
        "System.Net.Http",
        "System.Runtime",
    ];

    /// <summary>
    /// The runtime's gauges that end in <c>.count</c>, a suffix Prometheus keeps for histograms and
    /// summaries (promtool rejects them); renamed for every exporter, since views cannot differ by exporter.
    /// </summary>
    private static readonly (string Name, string Renamed)[] PrometheusSafeNames =
    [
        ("dotnet.assembly.count", "dotnet.assembly.loaded"),
        ("dotnet.process.cpu.count", "dotnet.process.cpus"),
        ("dotnet.timer.count", "dotnet.timer.active"),
    ];

    /// <summary>The product's instruments, used by the setup services and the API whether or not anything exports them.</summary>
    public static IServiceCollection AddBootstrapMetrics(this IServiceCollection services) =>
        services.AddMetrics().AddSingleton<BootstrapMetrics>();

    public static IServiceCollection AddBootstrapTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var scrape = configuration.GetValue<bool>(MetricsEnabledKey);
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);
        if (!scrape && !otlp)
        {
            return services;
        }

        return services.AddOpenTelemetryExporters(scrape, otlp);
    }

    /// <summary>
    /// Apart from <see cref="AddBootstrapTelemetry"/> so that with telemetry off the OpenTelemetry
    /// assemblies are never loaded (this method's locals would load them as soon as it is compiled).
    /// </summary>
    private static IServiceCollection AddOpenTelemetryExporters(this IServiceCollection services, bool scrape, bool otlp)
    {
        // The exporters read the other standard OTEL_* variables (protocol, headers, service name) themselves.
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("bootstrap"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BootstrapMetrics.MeterName).AddMeter(FrameworkMeters);
                foreach (var (name, renamed) in PrometheusSafeNames)
                {
                    metrics.AddView(name, renamed);
                }
                if (scrape)
                {
                    // No response cache: a scrape shows what happened up to that moment (the exporter's
                    // default would serve the previous scrape for 300 ms); scrapes come seconds apart.
                    metrics.AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0);
                }
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            // Both instrumentations redact query string values by default; neither records headers.
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        }
        return services;
    }

    /// <summary>
    /// The Prometheus scrape endpoint, when enabled. Open to anyone who can reach the port, before and
    /// after setup alike (it carries no secret); docs/operations.md says how to keep it private.
    /// </summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder endpoints, IConfiguration configuration)
    {
        if (configuration.GetValue<bool>(MetricsEnabledKey))
        {
            endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        }
        return endpoints;
    }

    /// <summary>The <c>door</c> tag of a setup request that came through an API family.</summary>
    public static string MetricName(this ApiFamily family) => family switch
    {
        ApiFamily.Influx => "influx",
        ApiFamily.Infisical => "infisical",
        ApiFamily.Zitadel => "zitadel",
        ApiFamily.OAuth => "oauth",
        _ => "native",
    };
}
