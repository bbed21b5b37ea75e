using System.Text.Json;
using System.Text.Json.Serialization;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;

namespace Bootstrap.Domain.Infisical;

/// <summary>Infisical's <c>POST /api/v1/admin/bootstrap</c>; the schema has <c>additionalProperties: false</c>.</summary>
public sealed class InfisicalBootstrapRequest
{
    public const string IdentityName = "Instance Admin Identity";
    public const string IdentityUserName = "instance-admin-identity";
    public const string DefaultBucketName = "default";

    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? Organization { get; set; }

    /// <summary>Whatever else the body held, so that the validator can reject it by name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownProperties { get; set; }

    /// <summary>
    /// The super admin's user name is the lower-cased email; the machine identity owns the instance.
    /// A default bucket with infinite retention gives every first run the same end state.
    /// </summary>
    public SetupCommand ToCommand()
    {
        var email = Email!.Trim();
        return new SetupCommand(
            Organization!.Trim(),
            new AdminSpec(email.ToLowerInvariant(), email, Password),
            new BucketSpec(DefaultBucketName, RetentionSeconds: 0),
            new MachineSpec(IdentityUserName, IdentityName, PatExpiresAt: null, MachineKey: false, MachineKeyExpiresAt: null,
                InstanceOwner: true, TokenKind: TokenKind.IdentityToken),
            IssueOperatorToken: false);
    }
}
