using System.Security.Claims;
using Bootstrap.Domain.Entities;

namespace Bootstrap.Api.Auth;

/// <summary>The claims a token or cookie principal carries, and how endpoints read them back.</summary>
public static class BootstrapClaims
{
    public const string TokenId = "bootstrap:token_id";
    public const string OrganizationId = "bootstrap:org_id";
    public const string InstanceId = "bootstrap:instance_id";
    public const string TokenKind = "bootstrap:token_kind";

    public static ClaimsPrincipal CreatePrincipal(User user, ApiToken token, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.UserName ?? string.Empty),
            new(InstanceId, token.InstanceId.ToString()),
            new(TokenId, token.Id.ToString()),
            new(TokenKind, token.Kind.ToString()),
        };
        if (!token.IsInstanceWide)
        {
            claims.Add(new(OrganizationId, token.OrganizationId!.Value.ToString()));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    public static Guid UserId(this ClaimsPrincipal principal) =>
        Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public static Guid? TokenIdOf(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(TokenId) is { } value ? Guid.Parse(value) : null;

    public static bool HasTokenKind(this ClaimsPrincipal principal, Domain.Entities.TokenKind kind) =>
        principal.FindFirstValue(TokenKind) == kind.ToString();

    /// <summary>The organization a token is limited to; null when it spans the whole instance.</summary>
    public static Guid? OrganizationScope(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(OrganizationId) is { } value ? Guid.Parse(value) : null;
}
