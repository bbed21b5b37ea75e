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
        var publicKeyPem = Encoding.ASCII.GetBytes(systemUserKey.ExportSubjectPublicKeyInfoPem());
        // The HTTP port's origin is the issuer that every JWT names, also those sent to the gRPC port.
        await using var app = await AppProcess.StartWithOwnPublicUrlAsync(folder, output, new Dictionary<string, string>
        {
            [$"SystemApi__Users__{SystemUserId}__KeyData"] = Convert.ToBase64String(publicKeyPem),
        }, grpc: true);

        var result = await NodeClients.RunAsync("zitadel-clients.mjs",
            app.BaseAddress.ToString().TrimEnd('/'), app.GrpcAddress!.ToString().TrimEnd('/'), SystemUserId, privateKeyPath);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("zitadel client compatibility: ok", result.Output);
    }
}
