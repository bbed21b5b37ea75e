using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Bootstrap.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bootstrap.Api.Tests.Zitadel;

/// <summary>
/// Zitadel's official JavaScript clients (@zitadel/client over gRPC and gRPC-Web, @zitadel/node over gRPC),
/// unchanged, against a fresh server process with a system user configured as Zitadel's <c>SystemAPIUsers</c>.
/// </summary>
[Collection(AppProcess.Collection)]
public sealed class ZitadelOfficialClientTests(ITestOutputHelper output)
{
    private const string SystemUserId = "bootstrap-ci";

    [Fact]
    public async Task OfficialJavaScriptClients_ShouldCreateTheFirstInstanceAndSetUpOrgsUnchanged()
    {
        using var folder = new TempFolder();
        using var systemUserKey = RSA.Create(2048);
        var privateKeyPath = folder.File("system-user.pem");
        await File.WriteAllTextAsync(privateKeyPath, systemUserKey.ExportPkcs8PrivateKeyPem());
        var grpcPort = FreeLoopbackPort();
        await using var app = AppProcess.Start(AppProcess.Web, folder, output, new Dictionary<string, string>
        {
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel__Endpoints__Grpc__Protocols"] = "Http2",
            ["PublicUrl"] = $"http://127.0.0.1:{new Uri("http://x").Port}",
            [$"SystemApi__Users__{SystemUserId}__KeyData"] =
                Convert.ToBase64String(Encoding.ASCII.GetBytes(systemUserKey.ExportSubjectPublicKeyInfoPem())),
        });
        await app.WaitUntilHealthyAsync();
        var httpUrl = app.BaseAddress.ToString().TrimEnd('/');

        var result = await NodeClients.RunAsync("zitadel-clients.mjs", httpUrl, $"http://127.0.0.1:{grpcPort}", SystemUserId, privateKeyPath);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("zitadel client compatibility: ok", result.Output);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
