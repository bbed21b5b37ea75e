using System.Net;
using System.Net.Http.Json;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Bootstrap.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Bootstrap.Api.Tests.Security;

/// <summary>The trust rules on a real Kestrel process, with real socket peers.</summary>
[Collection(AppProcess.Collection)]
public sealed class TrustBoundaryProcessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ServerListeningBeyondLoopback_ShouldAskEvenLocalCallersForTheClaimToken()
    {
        using var folder = new TempFolder();
        await using var app = AppProcess.Start(AppProcess.Web, folder, output, bindHost: "0.0.0.0");
        await app.WaitUntilHealthyAsync();

        var local = await app.Client.PostAsJsonAsync("/api/setup", Requests.NativeSetup(withMachine: false));
        var claimed = await app.Client.SendAsync(SetupWithToken(folder));

        Assert.Equal(HttpStatusCode.Unauthorized, local.StatusCode);
        Assert.Equal(HttpStatusCode.Created, claimed.StatusCode);
        Assert.Contains("behaves as Required", app.Output);
    }

    [Fact]
    public async Task RemotePeer_ShouldNeedTheClaimToken_AndBeAuditedByItsSocketAddress_WhateverItForwards()
    {
        var source = NonLoopbackAddressOfThisMachine();
        using var folder = new TempFolder();
        await using var app = AppProcess.Start(AppProcess.Web, folder, output);
        await app.WaitUntilHealthyAsync();
        using var remote = new HttpClient(new SocketsHttpHandler { ConnectCallback = (context, cancellation) => ConnectFromAsync(source, context, cancellation) })
        {
            BaseAddress = app.BaseAddress,
        };

        var page = new HttpRequestMessage(HttpMethod.Get, "/setup");
        page.Headers.Add("X-Forwarded-For", "127.0.0.1");
        var html = await (await remote.SendAsync(page)).Content.ReadAsStringAsync();
        var spoofed = new HttpRequestMessage(HttpMethod.Post, "/api/setup") { Content = JsonContent.Create(Requests.NativeSetup(withMachine: false)) };
        spoofed.Headers.Add("X-Forwarded-For", "127.0.0.1");
        var refused = await remote.SendAsync(spoofed);
        var claimed = SetupWithToken(folder);
        claimed.Headers.Add("X-Forwarded-For", "198.51.100.1");
        var created = await remote.SendAsync(claimed);

        Assert.Contains("data-testid=\"claim-code\"", html);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(source.ToString(), await CompletedSetupAddressAsync(app.DatabasePath));
    }

    [Theory]
    [InlineData("ForwardedHeaders__KnownProxies__0", "proxy.internal", "ForwardedHeaders:KnownProxies:0")]
    [InlineData("ForwardedHeaders__KnownNetworks__0", "10.0.0.0", "ForwardedHeaders:KnownNetworks:0")]
    public async Task InvalidProxyEntry_ShouldStopTheStartWithExit78_NamingTheKey(string variable, string value, string key)
    {
        using var folder = new TempFolder();
        await using var app = AppProcess.Start(AppProcess.Web, folder, output, new Dictionary<string, string> { [variable] = value });

        Assert.Equal(78, await app.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(key, app.Output);
        Assert.DoesNotContain("   at ", app.Output);
    }

    private static HttpRequestMessage SetupWithToken(TempFolder folder)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/setup") { Content = JsonContent.Create(Requests.NativeSetup(withMachine: false)) };
        request.Headers.Add("X-Setup-Token", File.ReadAllText(folder.File("data/setup-token")).Trim());
        return request;
    }

    /// <summary>An address of this machine's own that is not loopback: connecting from it to 127.0.0.1 makes a peer the server cannot take for local.</summary>
    private static IPAddress NonLoopbackAddressOfThisMachine() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.OperationalStatus == OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address))
        ?? throw new InvalidOperationException("This machine has no non-loopback IPv4 address to connect from.");

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress source, SocketsHttpConnectionContext context, CancellationToken cancellation)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellation);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<string?> CompletedSetupAddressAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT RemoteAddress FROM AuditEvents WHERE Action = 'setup.completed'";
        return (string?)await command.ExecuteScalarAsync();
    }
}
