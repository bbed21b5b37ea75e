using System.Security.Claims;
using System.Text.Encodings.Web;
using Bootstrap.Api.Auth;
using Bootstrap.Api.Common;
using Bootstrap.Api.Security.Jwt;
using Bootstrap.Api.Tenancy;
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

/// <summary>
/// The system API's credential on every door (JSON, gRPC, gRPC-Web): a JWT-shaped bearer is checked as a
/// system user's self-signed token (<see cref="SystemUsers"/>), anything else against the static token.
/// </summary>
public sealed class SystemApiAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SystemApiCredential credential,
    SystemUsers systemUsers,
    InstanceIssuer instanceIssuer,
    IOptions<PublicUrlOptions> publicUrl,
    ApiErrorMappers errors)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "SystemApi";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = TokenAuthenticationHandler.ReadSecret(Request.Headers.Authorization.ToString());
        if (secret is null)
        {
            return AuthenticateResult.NoResult();
        }
        if (SignedJwt.TryParse(secret, out var jwt))
        {
            var audiences = await AcceptedAudiencesAsync();
            if (!systemUsers.TryVerify(jwt, audiences, out var userId, out var refusal))
            {
                Logger.LogInformation("Refused a system API JWT (iss {Issuer}): {Refusal}", jwt.Issuer, refusal);
                return AuthenticateResult.Fail("invalid system user token");
            }
            return Success(userId);
        }
        return credential.Matches(secret) ? Success("system") : AuthenticateResult.Fail("invalid system API credential");
    }

    /// <summary>
    /// Zitadel's verifier takes its external origin (<c>PublicUrl</c> here); the issuer of the instance
    /// the request is routed to is accepted too, which is that same origin for the default instance, and
    /// the request's origin when <c>PublicUrl</c> is unset.
    /// </summary>
    private async Task<IReadOnlyCollection<string>> AcceptedAudiencesAsync()
    {
        var audiences = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { await instanceIssuer.ForAsync(Request, Context.RequestAborted) };
        if (publicUrl.Value.Origin is { } origin)
        {
            audiences.Add(origin.GetLeftPart(UriPartial.Authority));
        }
        return audiences;
    }

    private static AuthenticateResult Success(string name)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        errors.WriteAsync(Context, new ApiError(ErrorKind.Unauthorized, "the system API needs a valid system credential"));
}
