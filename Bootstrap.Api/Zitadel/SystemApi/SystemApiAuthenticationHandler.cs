using System.Security.Claims;
using System.Text.Encodings.Web;
using Bootstrap.Api.Auth;
using Bootstrap.Api.Common;
using Bootstrap.Domain.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bootstrap.Api.Zitadel.SystemApi;

/// <summary>
/// The operator-configured credential for Zitadel's system API (<see cref="SystemApiOptions"/>, checked
/// at start). Unset, nobody is authenticated.
/// </summary>
public sealed class SystemApiCredential(IOptions<SystemApiOptions> options)
{
    private readonly Lazy<byte[]?> _hash = new(() => ReadOrNull(options.Value) is { } token ? Secrets.Hash(token) : null);

    public bool Matches(string secret) => _hash.Value is { } hash && Secrets.HashEquals(hash, secret);

    /// <summary>A token file that became unreadable after the start authenticates nobody.</summary>
    private static string? ReadOrNull(SystemApiOptions options)
    {
        try
        {
            return options.ReadToken();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

public sealed class SystemApiAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SystemApiCredential credential,
    ApiErrorMappers errors)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "SystemApi";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = TokenAuthenticationHandler.ReadSecret(Request.Headers.Authorization.ToString());
        if (secret is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (!credential.Matches(secret))
        {
            return Task.FromResult(AuthenticateResult.Fail("invalid system API credential"));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "system")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        errors.WriteAsync(Context, new ApiError(ErrorKind.Unauthorized, "the system API needs a valid system credential"));
}
