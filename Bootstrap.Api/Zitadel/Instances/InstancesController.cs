using System.Text.Json.Serialization;
using Bootstrap.Api.Common;
using Bootstrap.Api.Security;
using Bootstrap.Api.Tenancy;
using Bootstrap.Api.Zitadel.Json;
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
using Microsoft.Extensions.Options;

namespace Bootstrap.Api.Zitadel.Instances;

/// <summary>Zitadel's system API: CreateInstance and the deprecated AddInstance.</summary>
[ApiController]
[Authorize(AuthenticationSchemes = SystemApiAuthenticationHandler.SchemeName)]
[EnableRateLimiting(RateLimiting.Setup)]
[NoFormValues]
[Route("system/v1/instances")]
public sealed class InstancesController(
    InstanceService instances,
    InstanceDirectory directory,
    IOptions<PublicUrlOptions> publicUrl,
    IValidator<CreateInstanceRequest> validator,
    SetupClaim claim) : ControllerBase
{
    [HttpPost("_create")]
    [ProducesResponseType<CreateInstanceResponse>(StatusCodes.Status200OK)]
    public async Task<CreateInstanceResponse> Create([ZitadelJsonBody] CreateInstanceRequest request, CancellationToken cancellationToken)
    {
        var result = await CreateAsync(request, CreateInstanceCommand.CreateInstanceDoor, cancellationToken);
        return new CreateInstanceResponse(
            Ids.ToZitadelId(result.Instance.Number),
            ZitadelDetails.Of(result.Instance.CreatedAt, Ids.ToZitadelId(result.Instance.Number)),
            result.Pat?.Secret,
            result.Key?.KeyFileBase64);
    }

    [HttpPost]
    [ProducesResponseType<AddInstanceResponse>(StatusCodes.Status200OK)]
    public async Task<AddInstanceResponse> Add([ZitadelJsonBody] AddInstanceRequest request, CancellationToken cancellationToken)
    {
        var result = await CreateAsync(request.ToCreateInstanceRequest(), CreateInstanceCommand.AddInstanceDoor, cancellationToken);
        return new AddInstanceResponse(
            Ids.ToZitadelId(result.Instance.Number),
            ZitadelDetails.Of(result.Instance.CreatedAt, Ids.ToZitadelId(result.Instance.Number)));
    }

    private async Task<CreateInstanceResult> CreateAsync(CreateInstanceRequest request, string door, CancellationToken cancellationToken)
    {
        await validator.ValidateAndThrowAsync(request, cancellationToken);
        var command = request.ToCommand() with { Door = door };
        // The default instance's host: a custom domain equal to it would take that host's requests over.
        if (publicUrl.Value.Origin is { } origin && string.Equals(command.CustomDomain, origin.IdnHost, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConflictException($"the domain {command.CustomDomain} is the default instance's (PublicUrl)");
        }
        var result = await instances.CreateInstanceAsync(command, HttpContext.SetupContext(), cancellationToken);
        directory.Invalidate();
        if (result.CompletedFirstRun)
        {
            // The claim token died with the first run (its hash was cleared in that transaction); its file goes too.
            claim.RetireTokenFile();
        }
        return result;
    }
}

public sealed record CreateInstanceResponse(
    string InstanceId,
    ZitadelDetails Details,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Pat,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MachineKey);

public sealed record AddInstanceResponse(string InstanceId, ZitadelDetails Details);
