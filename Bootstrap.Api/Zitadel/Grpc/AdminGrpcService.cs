using Bootstrap.Api.Auth;
using Bootstrap.Api.Common;
using Bootstrap.Api.Zitadel.Grpc.AdminV1;
using OrgSetUp = Bootstrap.Api.Zitadel.Orgs.OrgSetUp;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Bootstrap.Api.Zitadel.Grpc;

/// <summary>Zitadel's <c>zitadel.admin.v1.AdminService</c> over gRPC and gRPC-Web; the same <see cref="OrgSetUp"/> as the JSON door.</summary>
public sealed class AdminGrpcService(OrgSetUp setUp) : AdminService.AdminServiceBase
{
    /// <summary>Like Zitadel's: no credential, an empty answer once the server runs.</summary>
    public override Task<HealthzResponse> Healthz(HealthzRequest request, ServerCallContext context) => Task.FromResult(new HealthzResponse());

    [Authorize(Policy = InstanceOwnerRequirement.PolicyName)]
    public override async Task<SetUpOrgResponse> SetUpOrg(SetUpOrgRequest request, ServerCallContext context)
    {
        var outcome = await setUp.SetUpAsync(request.ToDomain(), context.GetHttpContext().SetupContext(), context.CancellationToken);
        return new SetUpOrgResponse { Details = ProtoMapping.DetailsOf(outcome.CreatedAt, outcome.OrgId), OrgId = outcome.OrgId, UserId = outcome.UserId };
    }
}
