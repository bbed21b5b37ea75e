using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Bootstrap.Web.Shared;

/// <summary>
/// Where the wizard reaches the API: <c>Api:BaseUrl</c> when configured, otherwise this host's own
/// listening address, so the wizard goes through the very controllers a script would.
/// </summary>
public sealed class ApiBaseAddress(IServer server, string? configuredBaseUrl)
{
    public const string ConfigurationKey = "Api:BaseUrl";

    public Uri Resolve()
    {
        if (configuredBaseUrl is { Length: > 0 } configured)
        {
            return new Uri(configured.TrimEnd('/') + "/");
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var listening = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"The server reports no listening address; set {ConfigurationKey}.");
        return ToReachable(listening);
    }

    /// <summary>Wildcard bindings ("http://+:80", "http://[::]:80") become a loopback address this process can call.</summary>
    internal static Uri ToReachable(string address)
    {
        var normalized = address.Replace("://+", "://localhost").Replace("://*", "://localhost");
        var builder = new UriBuilder(normalized);
        builder.Host = builder.Host switch
        {
            "0.0.0.0" => "127.0.0.1",
            "[::]" => "[::1]",
            _ => builder.Host,
        };
        builder.Path = "/";
        return builder.Uri;
    }
}
