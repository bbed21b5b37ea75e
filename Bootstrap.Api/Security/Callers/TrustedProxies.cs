using System.Net;
using Bootstrap.Api.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.Security.Callers;

/// <summary>
/// The <c>ForwardedHeaders</c> section: the only peers whose <c>X-Forwarded-*</c> headers are believed.
/// Empty (the default) believes none — unlike the framework, whose empty lists believe everyone.
/// </summary>
public sealed class TrustedProxies
{
    public const string SectionName = "ForwardedHeaders";

    private readonly IReadOnlyList<IPAddress> _proxies;
    private readonly IReadOnlyList<System.Net.IPNetwork> _networks;

    public TrustedProxies(IReadOnlyList<IPAddress> proxies, IReadOnlyList<System.Net.IPNetwork> networks)
    {
        _proxies = proxies;
        _networks = networks;
    }

    public bool Any => _proxies.Count > 0 || _networks.Count > 0;

    public bool Trusts(IPAddress? peer)
    {
        if (peer is null || !Any)
        {
            return false;
        }
        var address = Caller.Normalize(peer)!;
        return _proxies.Any(proxy => Caller.Normalize(proxy)!.Equals(address)) || _networks.Any(network => network.Contains(address));
    }

    /// <summary>Reads the section; an entry that is not an address or a CIDR network stops the start, naming the key.</summary>
    public static TrustedProxies FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var proxies = Entries(section, "KnownProxies").Select(entry => IPAddress.TryParse(entry.Value, out var address)
            ? address
            : throw new InvalidConfigurationException(entry.Key, $"'{entry.Value}' is not an IP address")).ToList();
        var networks = Entries(section, "KnownNetworks").Select(entry => System.Net.IPNetwork.TryParse(entry.Value, out var network)
            ? network
            : throw new InvalidConfigurationException(entry.Key, $"'{entry.Value}' is not a network in CIDR form (10.0.0.0/8)")).ToList();
        return new TrustedProxies(proxies, networks);
    }

    public void Configure(ForwardedHeadersOptions options)
    {
        // Empty lists make the framework believe every client; with no proxy listed nothing is forwarded at all.
        options.ForwardedHeaders = Any
            ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost
            : ForwardedHeaders.None;
        // Walks X-Forwarded-For from the right through every listed proxy and stops at the first hop it does not know.
        options.ForwardLimit = null;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in _proxies)
        {
            options.KnownProxies.Add(proxy);
        }
        foreach (var network in _networks)
        {
            options.KnownIPNetworks.Add(network);
        }
    }

    private static IEnumerable<(string Key, string Value)> Entries(IConfigurationSection section, string name) =>
        section.GetSection(name).GetChildren()
            .Where(child => !string.IsNullOrWhiteSpace(child.Value))
            .Select(child => ($"{SectionName}:{name}:{child.Key}", child.Value!.Trim()));
}

public static class TrustedProxiesServiceCollectionExtensions
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = TrustedProxies.FromConfiguration(configuration);
        services.AddSingleton(proxies);
        services.Configure<ForwardedHeadersOptions>(proxies.Configure);
        return services;
    }
}
