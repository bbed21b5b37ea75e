using Bootstrap.Domain.Entities;

namespace Bootstrap.Web.Overview;

/// <summary>
/// What a token kind or a role means, in words, for the overview: the stored values (the wire values
/// of InfluxDB, Zitadel and Infisical) mean little to an operator on their own.
/// </summary>
public static class ReadableNames
{
    public static string Describe(TokenKind kind) => kind switch
    {
        TokenKind.Operator => "Operator token (all access to every organization)",
        TokenKind.AllAccess => "All-access token (one organization)",
        TokenKind.PersonalAccessToken => "Machine user personal access token (Zitadel)",
        TokenKind.IdentityToken => "Machine identity token (Infisical)",
        TokenKind.AccessToken => "Access token from a JWT profile sign-in (Zitadel)",
        _ => kind.ToString(),
    };

    public static string DescribeRole(string role) => role switch
    {
        Roles.IamOwner => "Instance owner",
        Roles.OrgOwner => "Organization owner",
        _ => role,
    };
}
