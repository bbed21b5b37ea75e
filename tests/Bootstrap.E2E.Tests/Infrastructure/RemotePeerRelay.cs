using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Bootstrap.E2E.Tests.Infrastructure;

/// <summary>
/// Makes a browser on this machine a remote peer: it listens on loopback and passes every connection on
/// to the server from a non-loopback address of this machine, so the server sees that address as the
/// TCP peer, with no header involved. No traffic leaves the machine.
/// </summary>
public sealed class RemotePeerRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private RemotePeerRelay(Uri server, IPAddress source)
    {
        _server = new IPEndPoint(IPAddress.Loopback, server.Port);
        Source = source;
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    /// <summary>Where the browser goes.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The address the server sees.</summary>
    public IPAddress Source { get; }

    public static RemotePeerRelay To(AppServer app) => new(app.BaseUrl, NonLoopbackAddressOfThisMachine());

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var browser = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = PipeAsync(browser);
        }
    }

    private async Task PipeAsync(TcpClient browser)
    {
        using (browser)
        using (var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            try
            {
                upstream.Bind(new IPEndPoint(Source, 0));
                await upstream.ConnectAsync(_server, _stop.Token);
                await using var server = new NetworkStream(upstream, ownsSocket: false);
                var client = browser.GetStream();
                await Task.WhenAny(client.CopyToAsync(server, _stop.Token), server.CopyToAsync(client, _stop.Token));
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
            {
                // A closed tab or a stopped relay.
            }
        }
    }

    private static IPAddress NonLoopbackAddressOfThisMachine() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.OperationalStatus == OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address))
        ?? throw new InvalidOperationException("This machine has no non-loopback IPv4 address to connect from.");
}
