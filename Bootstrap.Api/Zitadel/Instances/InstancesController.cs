using System.Text.Json.Serialization;
using Bootstrap.Api.Common;
using Bootstrap.Api.Security;
using Bootstrap.Api.Zitadel.SystemApi;
using Bootstrap.Domain.Zitadel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Bootstrap.Api.Zitadel.Instances;

/// <summary>Zitadel's system API on JSON: CreateInstance and the deprecated AddInstance.</summary>
[ApiController]
[Authorize(AuthenticationSchemes = SystemApiAuthenticationHandler.SchemeName)]
[EnableRateLimiting(RateLimiting.Setup)]
[Route("system/v1/instances")]
public sealed class InstancesController(InstanceCreation creation) : ControllerBase
{
    [HttpPost("_create")]
    [ProducesResponseType<CreateInstanceResponse>(StatusCodes.Status200OK)]
    public async Task<CreateInstanceResponse> Create([FromBody] CreateInstanceRequest request, CancellationToken cancellationToken)
    {
        var created = await creation.CreateAsync(request, HttpContext.SetupContext(), cancellationToken);
        return new CreateInstanceResponse(
            created.InstanceId, ZitadelDetails.Of(created.CreatedAt, created.InstanceId), created.Pat, created.MachineKeyFileBase64);
    }

    [HttpPost]
    [ProducesResponseType<AddInstanceResponse>(StatusCodes.Status200OK)]
    public async Task<AddInstanceResponse> Add([FromBody] AddInstanceRequest request, CancellationToken cancellationToken)
    {
        var created = await creation.CreateAsync(request.ToCreateInstanceRequest(), HttpContext.SetupContext(), cancellationToken);
        return new AddInstanceResponse(created.InstanceId, ZitadelDetails.Of(created.CreatedAt, created.InstanceId));
    }
}

public sealed record CreateInstanceResponse(
    string InstanceId,
    ZitadelDetails Details,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Pat,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MachineKey);

public sealed record AddInstanceResponse(string InstanceId, ZitadelDetails Details);
