using System.Text.Json.Serialization;
using Bootstrap.Api.Common;
using Bootstrap.Api.Security;
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
public sealed class TokenController(JwtProfileGrant jwtProfileGrant, InstanceIssuer instanceIssuer) : ControllerBase
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
        var token = await jwtProfileGrant.ExchangeAsync(
            request.Assertion, request.Scope, issuer, HttpContext.SetupContext(), cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return new TokenResponse(token.Secret, "Bearer", (int)JwtProfileGrant.AccessTokenLifetime.TotalSeconds);
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
    [property: JsonPropertyName("expires_in")] int ExpiresIn);
