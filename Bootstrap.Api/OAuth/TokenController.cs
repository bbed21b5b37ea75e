using System.Text.Json.Serialization;
using Bootstrap.Api.Common;
using Bootstrap.Api.Security;
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
public sealed class TokenController(JwtProfileGrant jwtProfileGrant) : ControllerBase
{
    [HttpPost]
    [ProducesResponseType<TokenResponse>(StatusCodes.Status200OK)]
    public async Task<TokenResponse> Exchange(
        [FromForm(Name = "grant_type")] string? grantType,
        [FromForm(Name = "assertion")] string? assertion,
        CancellationToken cancellationToken)
    {
        if (grantType != JwtProfileGrant.GrantType)
        {
            throw new ApiException(new ApiError(ErrorKind.Invalid, $"only {JwtProfileGrant.GrantType} is supported", "unsupported_grant_type"));
        }
        if (string.IsNullOrEmpty(assertion))
        {
            throw new ApiException(new ApiError(ErrorKind.Invalid, "assertion is required"));
        }

        var issuer = $"{Request.Scheme}://{Request.Host}";
        var token = await jwtProfileGrant.ExchangeAsync(
            assertion, issuer, HttpContext.SetupContext(), cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return new TokenResponse(token.Secret, "Bearer", (int)JwtProfileGrant.AccessTokenLifetime.TotalSeconds);
    }
}

public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);
