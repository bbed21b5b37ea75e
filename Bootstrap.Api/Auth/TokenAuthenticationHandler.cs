using System.Security.Claims;
using System.Text.Encodings.Web;
using Bootstrap.Api.Common;
using Bootstrap.Api.Data;
using Bootstrap.Domain.Security;
using Bootstrap.Domain.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bootstrap.Api.Auth;

/// <summary>
/// Authenticates <c>Authorization: Token &lt;t&gt;</c> (InfluxDB) and <c>Bearer &lt;t&gt;</c> (everyone else)
/// by looking up the SHA-256 of the secret among the current instance's active tokens, briefly
/// cached (see <see cref="TokenCache"/> for how revocation is honoured).
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenLookup tokens,
    TokenCache cache,
    CurrentInstance currentInstance,
    ApiErrorMappers errors,
    TimeProvider clock,
    BootstrapMetrics metrics)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";

    /// <summary>How stale <c>LastUsedAt</c> may get before a request writes it again.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = ReadSecret(Request.Headers.Authorization.ToString());
        if (secret is null)
        {
            return AuthenticateResult.NoResult();
        }

        var hash = Secrets.Hash(secret);
        var now = clock.GetUtcNow().UtcDateTime;
        var known = cache.Find(hash, currentInstance.Id);
        if (known is null)
        {
            var generation = cache.Generation;
            var match = await tokens.FindAsync(hash, Context.RequestAborted);
            if (match is null || !match.Token.IsActiveAt(now) || !Secrets.HashEquals(match.Token.SecretHash, secret))
            {
                metrics.TokenAuthenticated(succeeded: false);
                return AuthenticateResult.Fail("unauthorized access");
            }
            known = cache.Add(hash, match, generation);
        }
        else if (!known.Match.Token.IsActiveAt(now))
        {
            metrics.TokenAuthenticated(succeeded: false);
            return AuthenticateResult.Fail("unauthorized access");
        }

        if (known.ClaimLastUsedWrite(now, LastUsedResolution))
        {
            await tokens.MarkUsedAsync(known.Match.Token.Id, now, Context.RequestAborted);
        }

        // Endpoints that need the caller's user row take this one instead of loading it again.
        Context.Features.Set(known.Match);
        metrics.TokenAuthenticated(succeeded: true);
        var principal = BootstrapClaims.CreatePrincipal(known.Match.User, known.Match.Token, Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        errors.WriteAsync(Context, ApiError.Unauthorized());

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        errors.WriteAsync(Context, ApiError.Forbidden());

    internal static string? ReadSecret(string header)
    {
        var space = header.IndexOf(' ');
        if (space <= 0)
        {
            return null;
        }
        var scheme = header[..space];
        if (!scheme.Equals("Token", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var secret = header[(space + 1)..].Trim();
        return secret.Length == 0 ? null : secret;
    }
}
