using Bootstrap.Api.Data;
using Bootstrap.Web.Account;
using Bootstrap.Web.Components;
using Bootstrap.Web.Hosting;
using Bootstrap.Web.Localization;
using Bootstrap.Web.Overview;
using Bootstrap.Web.Setup;
using Bootstrap.Web.Shared;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting.Server;
using MudBlazor.Services;

namespace Bootstrap.Web;

/// <summary>The browser side of the host: the first-run wizard, sign-in and the overview (Blazor Server, MudBlazor).</summary>
public static class BootstrapWebExtensions
{
    public static IServiceCollection AddBootstrapWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, StampRevalidatingAuthenticationStateProvider>();
        services.AddMudServices();
        services.AddBootstrapLocalization();

        services.AddSingleton(provider => new ApiBaseAddress(
            provider.GetRequiredService<IServer>(), provider.GetRequiredService<BoundEndpoints>(), configuration[ApiBaseAddress.ConfigurationKey]));
        services.AddHttpClient<SetupApiClient>((provider, client) =>
            client.BaseAddress = provider.GetRequiredService<ApiBaseAddress>().Resolve());
        services.AddSingleton<SetupCompletion>();
        services.AddScoped<IWizardDraftStore, SessionWizardDraftStore>();
        services.AddScoped<BrowserInterop>();
        services.AddScoped<BrowserTimeZone>();

        services.AddScoped<OverviewQueries>();
        services.AddScoped<TokenManagement>();
        return services.LoadKeyRingOnFirstUse();
    }

    /// <summary>Call after authentication and authorization.</summary>
    public static IApplicationBuilder UseBootstrapWeb(this IApplicationBuilder app) => app.UseBootstrapLocalization().UseAntiforgery();

    public static IEndpointRouteBuilder MapBootstrapWeb(this IEndpointRouteBuilder endpoints)
    {
        // Named after this assembly, not the entry assembly: test hosts run this app under their own name.
        endpoints.MapStaticAssets(Path.Combine(AppContext.BaseDirectory, $"{typeof(BootstrapWebExtensions).Assembly.GetName().Name}.staticwebassets.endpoints.json"));
        endpoints.MapAccountEndpoints();
        endpoints.MapLanguageEndpoint();
        endpoints.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return endpoints;
    }
}
