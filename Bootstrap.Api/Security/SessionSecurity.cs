using Bootstrap.Domain.Entities;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bootstrap.Api.Security;

/// <summary>
/// How session cookies are kept honest: each cookie-authenticated request checks the user's security
/// stamp, so rotating it (recover-admin) ends the user's sessions at once, in every process sharing the
/// database; and unsafe cookie-authenticated API requests must come from this site's own pages.
/// </summary>
public static class SessionSecurity
{
    public static IServiceCollection AddSessionSecurity(this IServiceCollection services)
    {
        services.AddSingleton<DummyPasswordHash>();
        services.AddScoped<PasswordChange>();
        // The stamp can change in another process (the offline CLI, another replica), so no in-process cache can vouch for it.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        services.AddScoped<ISecurityStampValidator, EveryRequestStampValidator>();
        return services;
    }

    /// <summary>Call after authentication and before authorization.</summary>
    public static IApplicationBuilder UseSameOriginForCookieSessions(this IApplicationBuilder app) =>
        app.UseMiddleware<SameOriginMiddleware>();
}

/// <summary>
/// Identity's stamp check, one user lookup per cookie-authenticated request. A verified cookie is kept as
/// issued: Identity would rebuild the principal (a claims query) and reissue the cookie on every response.
/// </summary>
public sealed class EveryRequestStampValidator(
    IOptions<SecurityStampValidatorOptions> options, SignInManager<User> signInManager, ILoggerFactory logger)
    : SecurityStampValidator<User>(options, signInManager, logger)
{
    protected override Task SecurityStampVerified(User user, CookieValidatePrincipalContext context) => Task.CompletedTask;
}
