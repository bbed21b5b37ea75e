using Bootstrap.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Bootstrap.Web.Shared;

/// <summary>
/// Where the wizard reaches the API: <c>Api:BaseUrl</c> when configured, otherwise this host's own
/// listening address, so the wizard goes through the very controllers a script would. That is the
/// <c>Http</c> endpoint (HTTP/1.1), never the cleartext HTTP/2 <c>Grpc</c> one, which an HTTP/1.1
/// client cannot talk to, whatever order they are configured in.
/// </summary>
public sealed class ApiBaseAddress(IServer server, BoundEndpoints endpoints, string? configuredBaseUrl)
{
    public const string ConfigurationKey = "Api:BaseUrl";

    public Uri Resolve()
    {
        if (configuredBaseUrl is { Length: > 0 } configured)
        {
            return new Uri(configured.TrimEnd('/') + "/");
        }

        var addresses = (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .Select(ToReachable)
            .Where(address => endpoints.Grpc?.IPEndPoint?.Port is not { } grpcPort || address.Port != grpcPort)
            .ToList();
        var httpPort = endpoints.Http?.IPEndPoint?.Port;
        return addresses.FirstOrDefault(a => a.Port == httpPort && a.Scheme == Uri.UriSchemeHttp)
            ?? addresses.FirstOrDefault(a => a.Scheme == Uri.UriSchemeHttp)
            ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"The server reports no HTTP/1.1 listening address; set {ConfigurationKey}.");
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
