using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Bootstrap.Api.Security.Callers;

/// <summary>
/// Whether a caller may skip the claim token. <see cref="ClaimMode.LoopbackExempt"/> exempts a direct
/// loopback caller only while the server is reachable on loopback alone and no proxy is configured:
/// a proxy on the same machine (or a port published beyond it) makes every client look local, so
/// there it behaves as <see cref="ClaimMode.Required"/> unless <c>Setup:LoopbackExemptWhenExposed</c> says otherwise.
/// </summary>
public sealed class ClaimExemption(IOptions<SetupClaimOptions> options, TrustedProxies proxies, IServer server)
{
    private readonly SetupClaimOptions _options = options.Value;

    /// <summary>The listening addresses are known only once the server has bound them, after the services are built.</summary>
    private IReadOnlyList<string>? _exposedBindings;

    public ClaimMode EffectiveMode => _options.ClaimMode switch
    {
        ClaimMode.LoopbackExempt when !_options.LoopbackExemptWhenExposed && IsExposed => ClaimMode.Required,
        var mode => mode,
    };

    /// <summary>What makes a loopback exemption unsafe here: configured proxies and bindings beyond loopback.</summary>
    public IReadOnlyList<string> Exposure =>
        [.. proxies.Any ? [TrustedProxies.SectionName + " lists proxies"] : Array.Empty<string>(), .. ExposedBindings.Select(binding => "listening on " + binding)];

    public bool IsExposed => Exposure.Count > 0;

    public bool Applies(Caller caller) => EffectiveMode switch
    {
        ClaimMode.Disabled => true,
        ClaimMode.LoopbackExempt => caller.IsDirectLoopback,
        _ => false,
    };

    private IReadOnlyList<string> ExposedBindings
    {
        get
        {
            if (_exposedBindings is { } known)
            {
                return known;
            }
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var exposed = addresses.Where(address => !IsLoopbackBinding(address)).ToList();
            if (addresses.Count > 0)
            {
                _exposedBindings = exposed;
            }
            return exposed;
        }
    }

    /// <summary>"http://localhost:5080", "http://127.0.0.1:5080" and "http://[::1]:5080" are loopback; wildcards, other hosts and Unix sockets (a proxy's usual door) are not.</summary>
    internal static bool IsLoopbackBinding(string address)
    {
        if (address.Contains("://unix:", StringComparison.OrdinalIgnoreCase) || address.Contains("://+", StringComparison.Ordinal)
            || address.Contains("://*", StringComparison.Ordinal))
        {
            return false;
        }
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            return false;
        }
        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
