using System.Text.Json.Serialization;
using Bootstrap.Api.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Bootstrap.Api.OAuth.Discovery;

/// <summary>
/// OpenID Connect discovery per instance, the first request of every Zitadel SDK's JWT-profile login
/// (@zitadel/node's <c>ServiceAccount.authenticate</c>, zitadel-go): the issuer is the addressed
/// instance's, and only what is served here is advertised. Both documents are public and open before setup.
/// </summary>
[ApiController]
[AllowAnonymous]
public sealed class OidcDiscovery(InstanceIssuer instanceIssuer, IdTokenSigner signer) : ControllerBase
{
    public const string OpenIdScope = "openid";
    public const string ConfigurationPath = "/.well-known/openid-configuration";
    public const string KeysPath = "/oauth/v2/keys";

    /// <summary>The scope @zitadel/node adds for API access; accepted (as any scope is) and advertised as Zitadel does.</summary>
    private const string ZitadelApiAudienceScope = "urn:zitadel:iam:org:project:id:zitadel:aud";

    [HttpGet(ConfigurationPath)]
    [ProducesResponseType<DiscoveryDocument>(StatusCodes.Status200OK)]
    public async Task<DiscoveryDocument> Configuration(CancellationToken cancellationToken)
    {
        var issuer = await instanceIssuer.ForAsync(Request, cancellationToken);
        return new DiscoveryDocument(
            issuer,
            issuer + "/oauth/v2/token",
            issuer + KeysPath,
            ScopesSupported: [OpenIdScope, ZitadelApiAudienceScope],
            // No authorization endpoint is served, so no response type is; the field is required by the spec.
            ResponseTypesSupported: [],
            GrantTypesSupported: [JwtProfileGrant.GrantType],
            SubjectTypesSupported: ["public"],
            IdTokenSigningAlgValuesSupported: [Security.Jwt.SignedJwt.RS256],
            // The JWT-profile grant authenticates by its assertion, not as a client.
            TokenEndpointAuthMethodsSupported: ["none"],
            ClaimsSupported: ["iss", "sub", "aud", "azp", "exp", "iat", "auth_time"]);
    }

    [HttpGet(KeysPath)]
    [ProducesResponseType<KeySet>(StatusCodes.Status200OK)]
    public async Task<KeySet> Keys(CancellationToken cancellationToken) =>
        new([(await signer.GetAsync(cancellationToken)).PublicJwk()]);
}

public sealed record DiscoveryDocument(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("scopes_supported")] IReadOnlyList<string> ScopesSupported,
    [property: JsonPropertyName("response_types_supported")] IReadOnlyList<string> ResponseTypesSupported,
    [property: JsonPropertyName("grant_types_supported")] IReadOnlyList<string> GrantTypesSupported,
    [property: JsonPropertyName("subject_types_supported")] IReadOnlyList<string> SubjectTypesSupported,
    [property: JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> IdTokenSigningAlgValuesSupported,
    [property: JsonPropertyName("token_endpoint_auth_methods_supported")] IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
    [property: JsonPropertyName("claims_supported")] IReadOnlyList<string> ClaimsSupported);

/// <summary>RFC 7517 JWK set: public members only.</summary>
public sealed record KeySet([property: JsonPropertyName("keys")] IReadOnlyList<object> Keys);
