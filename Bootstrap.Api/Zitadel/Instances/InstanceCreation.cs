using Bootstrap.Api.Security;
using Bootstrap.Api.Tenancy;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Tenancy;
using Bootstrap.Domain.Zitadel;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace Bootstrap.Api.Zitadel.Instances;

/// <summary>CreateInstance and AddInstance for every content type: the JSON controller and the gRPC service both call this.</summary>
public sealed class InstanceCreation(
    InstanceService instances,
    InstanceDirectory directory,
    IOptions<PublicUrlOptions> publicUrl,
    IValidator<CreateInstanceRequest> validator,
    SetupClaim claim)
{
    /// <param name="door">Which request asked (<see cref="CreateInstanceCommand.CreateInstanceDoor"/>, <see cref="CreateInstanceCommand.AddInstanceDoor"/>), for the audit trail.</param>
    public async Task<CreatedInstance> CreateAsync(CreateInstanceRequest request, string door, SetupContext caller, CancellationToken cancellationToken)
    {
        await validator.ValidateAndThrowAsync(request, cancellationToken);
        var command = request.ToCommand() with { Door = door };
        // The default instance's host: a custom domain equal to it would take that host's requests over.
        if (publicUrl.Value.Origin is { } origin && string.Equals(command.CustomDomain, origin.IdnHost, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConflictException($"the domain {command.CustomDomain} is the default instance's (PublicUrl)");
        }
        var result = await instances.CreateInstanceAsync(command, caller, cancellationToken);
        directory.Invalidate();
        if (result.CompletedFirstRun)
        {
            // The claim token died with the first run (its hash was cleared in that transaction); its file goes too.
            claim.RetireTokenFile();
        }
        // The first instance's row predates its first run (a migration seeds it): the reply's dates are this request's.
        var createdAt = result.Instance.SetupCompletedAt ?? result.Instance.CreatedAt;
        return new CreatedInstance(Ids.ToZitadelId(result.Instance.Number), createdAt, result.Pat?.Secret, result.Key?.KeyFileBase64);
    }
}

/// <param name="MachineKeyFileBase64">The owner machine's JSON key file, base64-encoded as Zitadel's JSON door shows it.</param>
public sealed record CreatedInstance(string InstanceId, DateTime CreatedAt, string? Pat, string? MachineKeyFileBase64);
