using Bootstrap.Api.Common;
using Bootstrap.Api.Security;
using Bootstrap.Api.Zitadel.Grpc.SystemV1;
using Bootstrap.Api.Zitadel.SystemApi;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using CreateInstanceCommand = Bootstrap.Domain.Tenancy.CreateInstanceCommand;
using InstanceCreation = Bootstrap.Api.Zitadel.Instances.InstanceCreation;

namespace Bootstrap.Api.Zitadel.Grpc;

/// <summary>Zitadel's <c>zitadel.system.v1.SystemService</c> over gRPC and gRPC-Web; the same <see cref="InstanceCreation"/> as the JSON door.</summary>
public sealed class SystemGrpcService(InstanceCreation creation) : SystemService.SystemServiceBase
{
    /// <summary>Like Zitadel's: no credential, an empty answer once the server runs.</summary>
    public override Task<HealthzResponse> Healthz(HealthzRequest request, ServerCallContext context) => Task.FromResult(new HealthzResponse());

    [Authorize(AuthenticationSchemes = SystemApiAuthenticationHandler.SchemeName)]
    [EnableRateLimiting(RateLimiting.Setup)]
    public override async Task<CreateInstanceResponse> CreateInstance(CreateInstanceRequest request, ServerCallContext context)
    {
        var created = await creation.CreateAsync(request.ToDomain(), CreateInstanceCommand.CreateInstanceDoor, context.GetHttpContext().SetupContext(), context.CancellationToken);
        return new CreateInstanceResponse
        {
            InstanceId = created.InstanceId,
            Details = ProtoMapping.DetailsOf(created.CreatedAt, created.InstanceId),
            Pat = created.Pat ?? "",
            MachineKey = created.MachineKeyFileBase64 is { } keyFile ? ByteString.FromBase64(keyFile) : ByteString.Empty,
        };
    }

    [Authorize(AuthenticationSchemes = SystemApiAuthenticationHandler.SchemeName)]
    [EnableRateLimiting(RateLimiting.Setup)]
    public override async Task<AddInstanceResponse> AddInstance(AddInstanceRequest request, ServerCallContext context)
    {
        var created = await creation.CreateAsync(request.ToDomain().ToCreateInstanceRequest(), CreateInstanceCommand.AddInstanceDoor, context.GetHttpContext().SetupContext(), context.CancellationToken);
        return new AddInstanceResponse { InstanceId = created.InstanceId, Details = ProtoMapping.DetailsOf(created.CreatedAt, created.InstanceId) };
    }
}
