using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bootstrap.Api.Tenancy;

/// <summary>
/// <c>PublicUrl</c>: the external origin of the default instance (<c>https://bootstrap.example.com</c>).
/// The OIDC issuer and the JWT audiences derive from it; unset, from the request's own origin.
/// </summary>
public sealed class PublicUrlOptions
{
    public const string Key = "PublicUrl";

    public string? PublicUrl { get; set; }

    /// <summary>The configured origin; null when unset. Start-up validation guarantees it parses.</summary>
    public Uri? Origin => string.IsNullOrWhiteSpace(PublicUrl) ? null : new Uri(PublicUrl.Trim());

    /// <summary>An absolute http(s) URL with nothing beyond the origin (a trailing slash is fine).</summary>
    public static bool IsValid(string? value) =>
        string.IsNullOrWhiteSpace(value)
        || (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https"
            && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0);
}

public static class PublicUrlServiceCollectionExtensions
{
    /// <summary>Binds <c>PublicUrl</c>, refusing to start on a value that is not an origin, and registers <see cref="InstanceIssuer"/>.</summary>
    public static IServiceCollection AddPublicUrl(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PublicUrlOptions>()
            .Configure(options => options.PublicUrl = configuration[PublicUrlOptions.Key])
            .Validate(options => PublicUrlOptions.IsValid(options.PublicUrl),
                $"{PublicUrlOptions.Key}: must be an absolute http or https origin such as https://bootstrap.example.com (no path, query or user info)")
            .ValidateOnStart();
        return services.AddScoped<InstanceIssuer>();
    }
}
