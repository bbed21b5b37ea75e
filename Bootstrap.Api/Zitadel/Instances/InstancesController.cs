using System.Text.Json.Serialization;
using Bootstrap.Api.Common;
using Bootstrap.Api.Security;
using Bootstrap.Api.Tenancy;
using Bootstrap.Api.Zitadel.SystemApi;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Tenancy;
using Bootstrap.Domain.Zitadel;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Bootstrap.Api.Zitadel.Instances;

/// <summary>Zitadel's system API: CreateInstance and the deprecated AddInstance.</summary>
[ApiController]
[Authorize(AuthenticationSchemes = SystemApiAuthenticationHandler.SchemeName)]
[EnableRateLimiting(RateLimiting.Setup)]
[Route("system/v1/instances")]
public sealed class InstancesController(
    InstanceService instances,
    InstanceDirectory directory,
    IValidator<CreateInstanceRequest> validator) : ControllerBase
{
    [HttpPost("_create")]
    [ProducesResponseType<CreateInstanceResponse>(StatusCodes.Status200OK)]
    public async Task<CreateInstanceResponse> Create([FromBody] CreateInstanceRequest request, CancellationToken cancellationToken)
    {
        var result = await CreateAsync(request, cancellationToken);
        return new CreateInstanceResponse(
            Ids.ToZitadelId(result.Instance.Number),
            ZitadelDetails.Of(result.Instance.CreatedAt, Ids.ToZitadelId(result.Instance.Number)),
            result.Pat?.Secret,
            result.Key?.KeyFileBase64);
    }

    [HttpPost]
    [ProducesResponseType<AddInstanceResponse>(StatusCodes.Status200OK)]
    public async Task<AddInstanceResponse> Add([FromBody] AddInstanceRequest request, CancellationToken cancellationToken)
    {
        var result = await CreateAsync(request.ToCreateInstanceRequest(), cancellationToken);
        return new AddInstanceResponse(
            Ids.ToZitadelId(result.Instance.Number),
            ZitadelDetails.Of(result.Instance.CreatedAt, Ids.ToZitadelId(result.Instance.Number)));
    }

    private async Task<CreateInstanceResult> CreateAsync(CreateInstanceRequest request, CancellationToken cancellationToken)
    {
        await validator.ValidateAndThrowAsync(request, cancellationToken);
        var result = await instances.CreateInstanceAsync(
            request.ToCommand(), HttpContext.SetupContext(), cancellationToken);
        directory.Invalidate();
        return result;
    }
}

public sealed record CreateInstanceResponse(
    string InstanceId,
    ZitadelDetails Details,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Pat,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MachineKey);

public sealed record AddInstanceResponse(string InstanceId, ZitadelDetails Details);
