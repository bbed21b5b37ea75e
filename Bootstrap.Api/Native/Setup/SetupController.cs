using Bootstrap.Api.Common;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Bootstrap.Api.Native.Setup;

/// <summary>The product's own superset setup request, sent by the wizard, the CLI and the FirstRun config.</summary>
[ApiController]
[AllowAnonymous]
[Route("api/setup")]
public sealed class SetupController(SetupService setup, IValidator<SetupRequest> validator) : ControllerBase
{
    /// <summary>Lets the wizard and the CLI say which door they are, for the audit trail.</summary>
    public const string ChannelHeader = "X-Bootstrap-Channel";

    [HttpGet]
    public async Task<SetupStatusResponse> GetStatus(CancellationToken cancellationToken)
    {
        var status = await setup.GetFirstRunStatusAsync(cancellationToken);
        return new(status.Allowed, status.CompletedAt, status.Channel?.ToWire());
    }

    [HttpPost]
    [ProducesResponseType<SetupResponse>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Complete([FromBody] SetupRequest request, CancellationToken cancellationToken)
    {
        await validator.ValidateAndThrowAsync(request, cancellationToken);
        var result = await setup.CompleteFirstRunAsync(
            request.ToCommand(), new SetupContext(RequestChannel(), HttpContext.RemoteAddress()), cancellationToken);
        return StatusCode(StatusCodes.Status201Created, SetupResponse.From(result));
    }

    private SetupChannel RequestChannel() =>
        Enum.TryParse<SetupChannel>(Request.Headers[ChannelHeader].ToString(), ignoreCase: true, out var channel)
        && channel is SetupChannel.Wizard or SetupChannel.Cli
            ? channel
            : SetupChannel.Api;
}
