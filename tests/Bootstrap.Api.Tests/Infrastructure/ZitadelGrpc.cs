using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Admin = Bootstrap.Api.Zitadel.Grpc.AdminV1;
using SystemV1 = Bootstrap.Api.Zitadel.Grpc.SystemV1;

namespace Bootstrap.Api.Tests.Infrastructure;

/// <summary>How a Zitadel client reaches the services: gRPC (HTTP/2 framing) or binary gRPC-Web (<c>application/grpc-web+proto</c>).</summary>
public enum GrpcTransport
{
    Grpc,
    GrpcWeb,
}

/// <summary>Zitadel's generated clients over the in-process test server.</summary>
public static class ZitadelGrpc
{
    public static GrpcChannel Channel(this BootstrapApiFactory app, GrpcTransport transport, string host = "localhost")
    {
        HttpMessageHandler handler = app.Server.CreateHandler();
        if (transport == GrpcTransport.GrpcWeb)
        {
            handler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, handler);
        }
        return GrpcChannel.ForAddress($"http://{host}", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    public static SystemV1.SystemService.SystemServiceClient SystemClient(this BootstrapApiFactory app, GrpcTransport transport) =>
        new(app.Channel(transport));

    public static Admin.AdminService.AdminServiceClient AdminClient(this BootstrapApiFactory app, GrpcTransport transport, string host = "localhost") =>
        new(app.Channel(transport, host));

    public static Metadata Bearer(string token) => new() { { "authorization", $"Bearer {token}" } };

    public static Metadata SystemCredential => Bearer(BootstrapApiFactory.SystemToken);

    /// <summary>The status of a failed call.</summary>
    public static async Task<RpcException> FailsAsync<T>(AsyncUnaryCall<T> call) => await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

    /// <summary><see cref="ZitadelFixtures.CreateInstance"/> as the proto message, with one owner (the proto's oneof).</summary>
    public static SystemV1.CreateInstanceRequest CreateInstance(string? domain = "second.test", bool machine = true) => machine
        ? new()
        {
            InstanceName = "Second",
            CustomDomain = domain ?? "",
            Machine = new()
            {
                UserName = "robot",
                Name = "Robot",
                PersonalAccessToken = new(),
                MachineKey = new() { Type = Bootstrap.Api.Zitadel.Grpc.AuthnV1.KeyType.Json },
            },
        }
        : new()
        {
            InstanceName = "Second",
            CustomDomain = domain ?? "",
            Human = new()
            {
                UserName = "owner",
                Email = new() { Email_ = "owner@second.test", IsEmailVerified = true },
                Profile = new() { FirstName = "Olga", LastName = "Owner", PreferredLanguage = "en" },
                Password = new() { Password_ = ZitadelFixtures.StrongPassword },
            },
        };

    public static Admin.SetUpOrgRequest SetUpOrg(string org = "Team", string user = "gigi-giraffe") => new()
    {
        Org = new() { Name = org, Domain = "team.test" },
        Human = new()
        {
            UserName = user,
            Profile = new() { FirstName = "Gigi", LastName = "Giraffe", PreferredLanguage = "en" },
            Email = new() { Email_ = "gigi@team.test", IsEmailVerified = true },
            Password = ZitadelFixtures.StrongPassword,
        },
    };
}
