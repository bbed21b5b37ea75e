using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Bootstrap.Web.Hosting;

/// <summary>
/// Says, once the server has bound them, where each named endpoint listens:
/// <c>Http endpoint listening on http://127.0.0.1:41234</c>. Kestrel's own "Now listening on:" lines do not
/// say which address is which endpoint, and with port 0 (<c>--urls http://127.0.0.1:0</c>) only the bound
/// address tells a launcher or an operator where to connect (docs/testing.md).
/// </summary>
public sealed partial class EndpointReport(IServer server, BoundEndpoints endpoints, ILogger<EndpointReport> logger) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Report(KestrelEndpoints.Http, endpoints.Http, addresses);
        Report(KestrelEndpoints.Grpc, endpoints.Grpc, addresses);
        return Task.CompletedTask;
    }

    private void Report(string name, ListenOptions? options, ICollection<string> addresses)
    {
        if (options?.IPEndPoint?.Port is not { } port)
        {
            return;
        }
        // The listen options know the bound port but not the scheme; the server's address list has both.
        if (addresses.FirstOrDefault(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) && uri.Port == port) is { } address)
        {
            EndpointListening(name, address);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Endpoint} endpoint listening on {Address}")]
    private partial void EndpointListening(string endpoint, string address);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
