using System.Text.Json.Serialization;
using Bootstrap.Api.Common;
using Bootstrap.Api.OAuth.Discovery;
using Bootstrap.Api.Security;
using Bootstrap.Api.Security.Jwt;
using Bootstrap.Api.Tenancy;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Bootstrap.Api.OAuth;

[ApiController]
[AllowAnonymous]
[EnableRateLimiting(RateLimiting.Token)]
[Route("oauth/v2/token")]
public sealed class TokenController(JwtProfileGrant jwtProfileGrant, InstanceIssuer instanceIssuer, IdTokenSigner idTokens) : ControllerBase
{
    [HttpPost]
    [ProducesResponseType<TokenResponse>(StatusCodes.Status200OK)]
    public async Task<TokenResponse> Exchange([FromForm] TokenRequest request, CancellationToken cancellationToken)
    {
        // RFC 6749 §3.2: parameters must not be repeated; model binding would silently keep the first.
        if (Request.HasFormContentType && Request.Form.Any(parameter => parameter.Value.Count > 1))
        {
            throw new ApiException(new ApiError(ErrorKind.Invalid, "request parameters must not be repeated"));
        }
        if (request.GrantType != JwtProfileGrant.GrantType)
        {
            throw new ApiException(new ApiError(ErrorKind.Invalid, $"only {JwtProfileGrant.GrantType} is supported", "unsupported_grant_type"));
        }
        if (string.IsNullOrEmpty(request.Assertion))
        {
            throw new ApiException(new ApiError(ErrorKind.Invalid, "assertion is required"));
        }

        var issuer = await instanceIssuer.ForAsync(Request, cancellationToken);
        var exchange = await jwtProfileGrant.ExchangeAsync(
            request.Assertion, request.Scope, issuer, HttpContext.SetupContext(), cancellationToken);
        var idToken = RequestsOpenId(request.Scope) ? await IdTokenAsync(exchange, issuer, cancellationToken) : null;
        Response.Headers.CacheControl = "no-store";
        return new TokenResponse(exchange.Token.Secret, "Bearer", (int)JwtProfileGrant.AccessTokenLifetime.TotalSeconds, idToken);
    }

    private static bool RequestsOpenId(string? scope) =>
        scope?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(OidcDiscovery.OpenIdScope, StringComparer.Ordinal) == true;

    /// <summary>
    /// As Zitadel issues it for a JWT-profile login: the machine user is both the subject and the client,
    /// so <c>aud</c> and <c>azp</c> are its id; it lives as long as the access token.
    /// </summary>
    private async Task<string> IdTokenAsync(JwtProfileExchange exchange, string issuer, CancellationToken cancellationToken)
    {
        var key = await idTokens.GetAsync(cancellationToken);
        var issuedAt = exchange.IssuedAt.ToUnixTimeSeconds();
        return SignedJwt.SignRs256(key.Rsa, key.KeyId, new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["sub"] = exchange.UserId,
            ["aud"] = new[] { exchange.UserId },
            ["azp"] = exchange.UserId,
            ["iat"] = issuedAt,
            ["exp"] = (exchange.IssuedAt + JwtProfileGrant.AccessTokenLifetime).ToUnixTimeSeconds(),
            ["auth_time"] = issuedAt,
        });
    }
}

/// <summary>
/// The token request form. A class rather than separate parameters or a record: MVC traces action
/// arguments with ToString, which must not print the assertion, a bearer credential until it expires.
/// </summary>
public sealed class TokenRequest
{
    [FromForm(Name = "grant_type")]
    public string? GrantType { get; set; }

    [FromForm(Name = "assertion")]
    public string? Assertion { get; set; }

    /// <summary>Space-separated, as RFC 6749 §3.3; Zitadel requires at least one.</summary>
    [FromForm(Name = "scope")]
    public string? Scope { get; set; }
}

public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("id_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? IdToken = null);
