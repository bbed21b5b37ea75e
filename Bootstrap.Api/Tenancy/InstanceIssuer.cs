using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Bootstrap.Api.Tenancy;

/// <summary>
/// The issuer of the instance a request addresses, which JWT-profile assertions must name as their
/// audience. With <c>PublicUrl</c> set, the default instance's issuer is PublicUrl, and an instance
/// reached through its custom domain gets PublicUrl's scheme and port with that domain: a client's
/// <c>Host</c> is used only when it is a domain the operator registered. Unset, the request's origin.
/// </summary>
public sealed class InstanceIssuer(IOptions<PublicUrlOptions> options, InstanceDirectory directory)
{
    public async ValueTask<string> ForAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (options.Value.Origin is not { } origin)
        {
            return $"{request.Scheme}://{request.Host}";
        }
        var host = request.Host.Host;
        var issuer = await directory.IsCustomDomainAsync(host, cancellationToken)
            ? new UriBuilder(origin) { Host = host.ToLowerInvariant() }.Uri
            : origin;
        return issuer.GetLeftPart(UriPartial.Authority);
    }
}
