using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;

namespace Bootstrap.Domain.Infisical;

/// <summary>
/// Infisical's <c>POST /api/v1/admin/bootstrap</c>. Unknown properties are ignored, as Infisical's zod
/// schema strips them: the official CLI also sends <c>domain</c>.
/// </summary>
public sealed class InfisicalBootstrapRequest
{
    public const string IdentityName = "Instance Admin Identity";
    public const string IdentityUserName = "instance-admin-identity";
    public const string DefaultBucketName = "default";

    /// <summary>What Infisical's <c>bootstrapInstance</c> names every bootstrapped admin.</summary>
    public const string AdminFirstName = "Admin";
    public const string AdminLastName = "User";

    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? Organization { get; set; }

    /// <summary>
    /// Like Infisical, the email is stored trimmed and lower-cased, doubles as the super admin's user
    /// name and counts as verified; the machine identity owns the instance.
    /// A default bucket with infinite retention gives every first run the same end state.
    /// </summary>
    public SetupCommand ToCommand()
    {
        var email = Email!.Trim().ToLowerInvariant();
        return new SetupCommand(
            Organization!.Trim(),
            new AdminSpec(email, email, Password, AdminFirstName, AdminLastName, EmailVerified: true),
            new BucketSpec(DefaultBucketName, RetentionSeconds: 0),
            new MachineSpec(IdentityUserName, IdentityName, PatExpiresAt: null, MachineKey: false, MachineKeyExpiresAt: null,
                InstanceOwner: true, TokenKind: TokenKind.IdentityToken),
            IssueOperatorToken: false);
    }
}
