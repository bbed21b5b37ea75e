using System.Text.Json.Serialization;
using Bootstrap.Domain.Setup;

namespace Bootstrap.Api.Native.Setup;

public sealed record SetupStatusResponse(bool Allowed, DateTime? CompletedAt, string? Channel);

/// <param name="Required">False when this caller needs no setup code at all (loopback in LoopbackExempt mode, or ClaimMode Disabled).</param>
public sealed record ClaimVerificationResponse(bool Required);

/// <summary>The only place the operator token, PAT and private key ever appear.</summary>
public sealed record SetupResponse(
    Guid InstanceId,
    SetupResponse.OrganizationPart Organization,
    SetupResponse.AdminPart Admin,
    SetupResponse.BucketPart Bucket,
    string OperatorToken,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SetupResponse.MachinePart? Machine)
{
    public static SetupResponse From(SetupResult result) => new(
        result.Instance.Id,
        new(result.Organization.Id, result.Organization.Name, result.Organization.Slug),
        new(result.Admin.Id, result.Admin.UserName!),
        new(result.Bucket.Id, result.Bucket.Name, result.Bucket.RetentionSeconds),
        result.OperatorToken!.Secret,
        result.Machine is null
            ? null
            : new(result.Machine.User.Id, result.Machine.User.UserName!, result.Machine.Pat.Secret, result.Machine.Key?.KeyFileBase64));

    public sealed record OrganizationPart(Guid Id, string Name, string Slug);

    public sealed record AdminPart(Guid Id, string UserName);

    public sealed record BucketPart(Guid Id, string Name, long RetentionSeconds);

    /// <summary><see cref="MachineKey"/> is the base64 of a Zitadel JSON key file.</summary>
    public sealed record MachinePart(
        Guid Id,
        string UserName,
        string Pat,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MachineKey);
}
