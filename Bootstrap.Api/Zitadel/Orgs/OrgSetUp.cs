using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Tenancy;
using Bootstrap.Domain.Zitadel;
using FluentValidation;

namespace Bootstrap.Api.Zitadel.Orgs;

/// <summary>SetUpOrg for every content type: the JSON controller and the gRPC service both call this.</summary>
public sealed class OrgSetUp(OrganizationService organizations, IValidator<SetUpOrgRequest> validator)
{
    public async Task<SetUpOrgOutcome> SetUpAsync(SetUpOrgRequest request, SetupContext caller, CancellationToken cancellationToken)
    {
        await validator.ValidateAndThrowAsync(request, cancellationToken);
        var result = await organizations.SetUpOrgAsync(request.ToCommand(), caller, cancellationToken);
        return new SetUpOrgOutcome(Ids.ToZitadelId(result.Organization.Number), Ids.ToZitadelId(result.User.Number), result.CreatedAt);
    }
}

public sealed record SetUpOrgOutcome(string OrgId, string UserId, DateTime CreatedAt);
