using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Api.Zitadel.Grpc.SystemV1;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Xunit.Abstractions;
using static Bootstrap.Api.Tests.Infrastructure.ZitadelGrpc;
using Admin = Bootstrap.Api.Zitadel.Grpc.AdminV1;

namespace Bootstrap.Api.Tests.Zitadel;

/// <summary>The real server's two Kestrel endpoints: cleartext HTTP/2 gRPC on <c>Grpc</c>, gRPC-Web and the wizard on <c>Http</c>.</summary>
[Collection(AppProcess.Collection)]
public sealed class GrpcEndpointProcessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Endpoints_ShouldServeGrpcOnTheGrpcPortAndGrpcWebOnTheHttpPort()
    {
        using var folder = new TempFolder();
        await using var app = AppProcess.Start(AppProcess.Web, folder, output,
            new Dictionary<string, string> { ["SystemApi__Token"] = BootstrapApiFactory.SystemToken }, grpc: true);
        await app.WaitUntilHealthyAsync();
        var operatorToken = (await (await app.Client.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding())).ReadJsonAsync())
            .GetProperty("auth").GetProperty("token").GetString()!;
        using var grpc = GrpcChannel.ForAddress(app.GrpcAddress!);
        using var grpcWeb = GrpcChannel.ForAddress(app.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new HttpClientHandler()),
            HttpVersion = new Version(1, 1),
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });

        var system = new SystemService.SystemServiceClient(grpc);
        await system.HealthzAsync(new HealthzRequest());
        var created = await system.CreateInstanceAsync(ZitadelGrpc.CreateInstance(), SystemCredential);
        var refused = await FailsAsync(system.CreateInstanceAsync(ZitadelGrpc.CreateInstance("third.test"), Bearer("forged-credential")));
        var admin = new Admin.AdminService.AdminServiceClient(grpcWeb);
        await admin.HealthzAsync(new Admin.HealthzRequest());
        var org = await admin.SetUpOrgAsync(ZitadelGrpc.SetUpOrg(), Bearer(operatorToken));
        var webRefused = await FailsAsync(admin.SetUpOrgAsync(ZitadelGrpc.SetUpOrg(org: "Other", user: "other")));

        // --urls became the Http endpoint rather than being ignored (with a warning) in favour of Kestrel:Endpoints.
        Assert.DoesNotContain("Overriding address", app.Output);
        Assert.NotEmpty(created.Pat);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Matches("^[0-9]+$", org.OrgId);
        Assert.Equal(StatusCode.Unauthenticated, webRefused.StatusCode);
    }

    [Fact]
    public async Task Wizard_ShouldCallTheApiOnTheHttpEndpointAlthoughTheGrpcEndpointBindsFirst()
    {
        using var folder = new TempFolder();
        // Kestrel binds the configured endpoints in name order: "Grpc" before "Http", so it is the first address the server reports.
        await using var app = AppProcess.Start(AppProcess.Web, folder, output, grpc: true);
        await app.WaitUntilHealthyAsync();

        var page = await app.Client.GetStringAsync("/setup");

        Assert.DoesNotContain("could not be read", page);
        Assert.Contains("A few questions", page);
        Assert.True(app.Output.IndexOf(app.GrpcAddress!.Authority, StringComparison.Ordinal) < app.Output.IndexOf(app.BaseAddress.Authority, StringComparison.Ordinal),
            app.Output);
    }
}
