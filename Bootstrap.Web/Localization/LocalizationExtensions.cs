using Bootstrap.Api.Common;
using Bootstrap.Web.Account;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Bootstrap.Web.Localization;

/// <summary>
/// The UI's language: the one chosen with the switcher (a cookie), else the browser's Accept-Language, else
/// English. API routes are left out on purpose: their messages are the wire format of the systems they copy,
/// which send English whatever the client asks for.
/// </summary>
public static class LocalizationExtensions
{
    public const string LanguagePath = "/language";

    private static readonly TimeSpan Remembered = TimeSpan.FromDays(365);

    public static IServiceCollection AddBootstrapLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton(UiLanguages.Discover(AppContext.BaseDirectory));
        services.AddSingleton<ValidationText>();
        return services;
    }

    public static IApplicationBuilder UseBootstrapLocalization(this IApplicationBuilder app)
    {
        var languages = app.ApplicationServices.GetRequiredService<UiLanguages>();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(UiLanguages.Default),
            SupportedCultures = [.. languages.All],
            SupportedUICultures = [.. languages.All],
            ApplyCurrentCultureToResponseHeaders = true,
            RequestCultureProviders =
            [
                new CustomRequestCultureProvider(context => Task.FromResult(Chosen(context, languages))),
            ],
        };
        return app.UseWhen(context => ApiFamilies.Resolve(context.Request.Path) is null, ui => ui.UseRequestLocalization(options));
    }

    public static IEndpointRouteBuilder MapLanguageEndpoint(this IEndpointRouteBuilder endpoints)
    {
        // A form post (with its antiforgery token), so that it works on the static sign-in page too, and no
        // other site can change the language for a visitor.
        endpoints.MapPost(LanguagePath, ([FromForm] LanguageForm form, HttpContext context, UiLanguages languages) =>
        {
            var returnUrl = AccountEndpoints.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/";
            if (languages.Match(form.Language) is { } culture)
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions
                    {
                        Path = context.Request.PathBase.HasValue ? context.Request.PathBase.Value : "/",
                        MaxAge = Remembered,
                        HttpOnly = true,
                        Secure = context.Request.IsHttps,
                        SameSite = SameSiteMode.Lax,
                        IsEssential = true,
                    });
            }
            return Results.LocalRedirect(returnUrl);
        });
        return endpoints;
    }

    private static ProviderCultureResult? Chosen(HttpContext context, UiLanguages languages)
    {
        var remembered = context.Request.Cookies.TryGetValue(CookieRequestCultureProvider.DefaultCookieName, out var cookie)
            ? CookieRequestCultureProvider.ParseCookieValue(cookie)?.UICultures.FirstOrDefault().Value
            : null;
        var culture = languages.Match(remembered) ?? languages.FromAcceptLanguage(context.Request.Headers.AcceptLanguage);
        return culture is null ? null : new ProviderCultureResult(culture.Name);
    }

    public sealed class LanguageForm
    {
        public string? Language { get; set; }
        public string? ReturnUrl { get; set; }
    }
}
