using System.Text.Json.Serialization;
using Bootstrap.Api.Auth;
using Bootstrap.Api.Common;
using Bootstrap.Api.Data;
using Bootstrap.Api.Health;
using Bootstrap.Api.Influx;
using Bootstrap.Api.Infisical;
using Bootstrap.Api.Native;
using Bootstrap.Api.OpenApi;
using Bootstrap.Api.OAuth;
using Bootstrap.Api.Security;
using Bootstrap.Api.Security.Callers;
using Bootstrap.Api.Startup;
using Bootstrap.Api.Telemetry;
using Bootstrap.Api.Tenancy;
using Bootstrap.Api.Zitadel;
using Bootstrap.Api.Zitadel.Grpc;
using Bootstrap.Api.Zitadel.SystemApi;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Infisical;
using Bootstrap.Domain.Influx;
using Bootstrap.Domain.Security;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Tenancy;
using Bootstrap.Domain.Tokens;
using Bootstrap.Domain.Zitadel;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bootstrap.Api;

public static class BootstrapApiExtensions
{
    public const string DefaultConnectionString = "Data Source=data/bootstrap.db";

    /// <summary>Picks the token handler when an Authorization header is present, the session cookie otherwise.</summary>
    private const string SelectorScheme = "Bootstrap";

    public static IServiceCollection AddBootstrapApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(configuration.GetSection(PasswordPolicy.SectionName).Get<PasswordPolicy>() ?? new PasswordPolicy());
        services.AddSingleton<IValidator<SetupRequest>, SetupRequestValidator>();
        services.AddSingleton<IValidator<InfluxOnboardingRequest>, InfluxOnboardingRequestValidator>();
        services.AddSingleton<IValidator<InfisicalBootstrapRequest>, InfisicalBootstrapRequestValidator>();
        services.AddSingleton<IValidator<CreateInstanceRequest>, CreateInstanceRequestValidator>();
        services.AddSingleton<IValidator<SetUpOrgRequest>, SetUpOrgRequestValidator>();

        services.AddScoped<CurrentInstance>();
        services.AddBootstrapDatabase(configuration);
        services.AddStartupStep<SetupClaimInitializer>();
        services.AddHealthProbes();

        services.AddBootstrapMetrics();
        services.AddScoped<Provisioner>();
        services.AddScoped<SetupService>();
        services.AddScoped<InstanceService>();
        services.AddScoped<OrganizationService>();
        services.AddScoped<OrganizationAccess>();
        services.AddScoped<ApiTokenLookup>();
        services.AddScoped<TokenService>();
        services.AddSingleton<TokenCache>();
        services.AddSingleton<IAuthenticationChanges, TokenCacheInvalidator>();
        services.AddScoped<JwtProfileGrant>();
        services.AddSingleton<IdTokenSigner>();
        services.AddSingleton<InstanceDirectory>();
        services.AddSingleton<InstanceScopes>();
        services.AddSystemApiCredential(configuration);
        services.AddPublicUrl(configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<AuditTrail>();

        AddSecurity(services, configuration);

        services.AddSingleton<IApiErrorMapper, NativeErrorMapper>();
        services.AddSingleton<IApiErrorMapper, InfluxErrorMapper>();
        services.AddSingleton<IApiErrorMapper, InfisicalErrorMapper>();
        services.AddSingleton<IApiErrorMapper, ZitadelErrorMapper>();
        services.AddSingleton<IApiErrorMapper, OAuthErrorMapper>();
        services.AddSingleton<ApiErrorMappers>();
        services.AddZitadelServices();
        services.AddSingleton<IClientErrorFactory, ApiClientErrorFactory>();

        AddAuthentication(services);
        services.AddSessionSecurity();

        services.AddControllers(options => options.Filters.Add<ApiErrorFilter>())
            .AddApplicationPart(typeof(BootstrapApiExtensions).Assembly)
            .ConfigureApiBehaviorOptions(options => options.SuppressModelStateInvalidFilter = true)
            .AddJsonOptions(options =>
            {
                options.JsonSerializerOptions.NumberHandling = JsonNumberHandling.Strict;
                options.JsonSerializerOptions.AllowTrailingCommas = false;
            });
        services.AddBootstrapOpenApi();
        return services;
    }

    /// <summary>Security headers, the health probes, the start-up gate, proxy headers, request guards, instance routing and rate limits; call before authentication.</summary>
    public static IApplicationBuilder UseBootstrapApi(this IApplicationBuilder app)
    {
        // First, so that every answer to a gRPC-Web call, the gates' and guards' included, is framed as gRPC-Web.
        app.UseGrpcWeb();
        // Before the probes and the start-up gate, so that their answers carry the headers too.
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseHealthProbes();
        app.UseMiddleware<StartupGateMiddleware>();
        app.UseMiddleware<PendingMigrationsMiddleware>();
        app.UseCallers();
        app.UseMiddleware<HostHeaderMiddleware>();
        if (!app.ApplicationServices.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            app.UseHsts();
        }
        return app.UseMiddleware<ApiRequestGuardMiddleware>()
            .UseMiddleware<InstanceResolutionMiddleware>()
            .UseMiddleware<UnclaimedSurfaceMiddleware>()
            .UseRateLimiter();
    }

    public static IEndpointRouteBuilder MapBootstrapApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapControllers();
        endpoints.MapZitadelGrpc();
        endpoints.MapBootstrapOpenApi();
        foreach (var prefix in new[] { "/api", "/system", "/admin", "/oauth" })
        {
            endpoints.Map($"{prefix}/{{**rest}}", (HttpContext context, ApiErrorMappers errors) =>
                errors.For(context).Map(ApiError.NotFound("path not found")));
        }
        return endpoints;
    }

    private static void AddSecurity(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SetupClaimOptions>().Bind(configuration.GetSection(SetupClaimOptions.SectionName))
            .PostConfigure(options => options.ClaimTokenPath = DataPaths.Resolve(options.ClaimTokenPath));
        services.AddScoped<SetupClaim>();
        services.AddSingleton<SetupCodeFile>();
        services.AddTrustedProxies(configuration);
        services.AddSingleton<WizardRelay>();
        services.AddSingleton<ClaimExemption>();
        services.AddHostedService<SetupCodeAnnouncement>();
        services.AddHostedService<ClaimExemptionReport>();
        services.AddSingleton<FirstRunGate>();
        services.AddBootstrapRateLimiting(configuration);
    }

    private static void AddAuthentication(IServiceCollection services)
    {
        services.AddIdentityCore<User>(options =>
            {
                // The shared validators and PasswordPolicy own password rules; Identity only hashes.
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredLength = 1;
                options.Lockout.MaxFailedAccessAttempts = 10;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddUserStore<AuthenticationChangingUserStore>()
            .AddSignInManager<TimingSafeSignInManager>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SelectorScheme;
                options.DefaultChallengeScheme = SelectorScheme;
                options.DefaultForbidScheme = SelectorScheme;
            })
            .AddPolicyScheme(SelectorScheme, SelectorScheme, options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 && !IsBasic(context.Request)
                    ? TokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, SystemApiAuthenticationHandler>(SystemApiAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "bootstrap-session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/signin";
            options.AccessDeniedPath = "/signin";
            options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, ApiError.Unauthorized());
            options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, ApiError.Forbidden());
        });
        services.AddScoped<IAuthorizationHandler, InstanceOwnerHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(InstanceOwnerRequirement.PolicyName, policy => policy.AddRequirements(new InstanceOwnerRequirement()));
    }

    private static bool IsBasic(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);

    /// <summary>API callers get the family's 401/403; browsers get the sign-in redirect.</summary>
    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, ApiError error)
    {
        if (ApiFamilies.Resolve(context.Request.Path) is null)
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        return context.HttpContext.RequestServices.GetRequiredService<ApiErrorMappers>().WriteAsync(context.HttpContext, error);
    }
}
