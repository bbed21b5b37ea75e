using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Bootstrap.Web.Hosting;

/// <summary>
/// The named Kestrel endpoints (SPEC §1): <c>Http</c> (HTTP/1.1: browsers, JSON, gRPC-Web) and the optional
/// <c>Grpc</c> (cleartext HTTP/2 for Zitadel's gRPC clients).
/// <list type="bullet">
/// <item><c>--urls</c> / <c>ASPNETCORE_URLS</c> (or, without them, <c>ASPNETCORE_HTTP_PORTS</c>), when given, become
/// the <c>Http</c> endpoint (more than one: <c>Http</c>, <c>Http-2</c>, …), so they keep working although Kestrel
/// ignores them once <c>Kestrel:Endpoints</c> exists.</item>
/// <item>An endpoint whose <c>Url</c> is empty is off: <c>Kestrel__Endpoints__Grpc__Url=</c> turns the gRPC port off.</item>
/// </list>
/// The rest of the <c>Kestrel</c> section (certificates, defaults) is passed on as configured.
/// </summary>
public static class KestrelEndpoints
{
    public const string Http = "Http";
    public const string Grpc = "Grpc";

    /// <summary>
    /// The <c>Http</c> endpoint when nothing names one: the URL of the root appsettings.json, of launchSettings.json and of the
    /// CLI's <c>--url</c> default, kept here too so that a start without that file (another content root, a bare dll) does not
    /// fall back to Kestrel's own 5000.
    /// </summary>
    public const string DefaultHttpUrl = "http://localhost:5080";

    private const string SectionName = "Kestrel";
    private const string EndpointsPrefix = "Endpoints:";
    private const string UrlsVariable = "ASPNETCORE_URLS";
    private const string HttpPortsVariable = "ASPNETCORE_HTTP_PORTS";

    /// <summary>
    /// Takes <c>--urls</c> out of <paramref name="args"/> and <c>ASPNETCORE_URLS</c> / <c>ASPNETCORE_HTTP_PORTS</c> out of
    /// the environment, before the host reads them: left there, Kestrel would log that it ignores them in favour of
    /// <c>Kestrel:Endpoints</c>, although <see cref="UseBootstrapEndpoints"/> does honour them.
    /// </summary>
    public static (string[] Args, IReadOnlyList<string> Urls) TakeExplicitUrls(string[] args)
    {
        var remaining = new List<string>();
        string? urls = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].TrimStart('-', '/');
            if (name.Equals("urls", StringComparison.OrdinalIgnoreCase) && args[i] != name && i + 1 < args.Length)
            {
                urls = args[++i];
            }
            else if (name.StartsWith("urls=", StringComparison.OrdinalIgnoreCase))
            {
                urls = name["urls=".Length..];
            }
            else
            {
                remaining.Add(args[i]);
            }
        }
        var fromEnvironment = Environment.GetEnvironmentVariable(UrlsVariable);
        var ports = Environment.GetEnvironmentVariable(HttpPortsVariable);
        Environment.SetEnvironmentVariable(UrlsVariable, null);
        Environment.SetEnvironmentVariable(HttpPortsVariable, null);

        var given = urls ?? (fromEnvironment is { Length: > 0 } ? fromEnvironment : null);
        List<string> explicitUrls = given is not null ? Split(given)
            : ports is { Length: > 0 } ? Split(ports).Select(port => $"http://*:{port}").ToList()
            : [];
        return ([.. remaining], explicitUrls);
    }

    /// <param name="explicitUrls">From <see cref="TakeExplicitUrls"/>: they become the <c>Http</c> endpoint.</param>
    public static WebApplicationBuilder UseBootstrapEndpoints(this WebApplicationBuilder builder, IReadOnlyList<string> explicitUrls)
    {
        var bound = new BoundEndpoints();
        builder.Services.AddSingleton(bound);
        builder.Services.AddHostedService<EndpointReport>();
        var effective = Effective(builder.Configuration, explicitUrls);
        builder.WebHost.ConfigureKestrel(options => options.Configure(effective)
            .Endpoint(Http, endpoint => bound.Http = endpoint.ListenOptions)
            .Endpoint(Grpc, endpoint => bound.Grpc = endpoint.ListenOptions));
        return builder;
    }

    /// <summary>The <c>Kestrel</c> section with the explicit URLs folded in and the endpoints that are off left out.</summary>
    internal static IConfiguration Effective(IConfiguration configuration, IReadOnlyList<string> explicitUrls)
    {
        var settings = configuration.GetSection(SectionName).AsEnumerable(makePathsRelative: true)
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);

        for (var i = 0; i < explicitUrls.Count; i++)
        {
            var name = i == 0 ? Http : $"{Http}-{i + 1}";
            settings[$"{EndpointsPrefix}{name}:Url"] = explicitUrls[i];
            settings.TryAdd($"{EndpointsPrefix}{name}:Protocols", nameof(HttpProtocols.Http1));
        }
        if (settings.TryAdd($"{EndpointsPrefix}{Http}:Url", DefaultHttpUrl))
        {
            settings.TryAdd($"{EndpointsPrefix}{Http}:Protocols", nameof(HttpProtocols.Http1));
        }

        var off = settings
            .Where(pair => pair.Key.StartsWith(EndpointsPrefix, StringComparison.OrdinalIgnoreCase)
                && pair.Key.EndsWith(":Url", StringComparison.OrdinalIgnoreCase)
                && string.IsNullOrWhiteSpace(pair.Value))
            .Select(pair => pair.Key[..^"Url".Length])
            .ToList();
        foreach (var key in settings.Keys.Where(key => off.Any(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            settings.Remove(key);
        }
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    private static List<string> Split(string list) => list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}

/// <summary>The listen options of the named endpoints, whose ports are the bound ones once the server has started.</summary>
public sealed class BoundEndpoints
{
    public ListenOptions? Http { get; set; }

    public ListenOptions? Grpc { get; set; }
}
