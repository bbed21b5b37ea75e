using Microsoft.AspNetCore.Http;

namespace Bootstrap.Api.Security;

/// <summary>
/// Security headers on every response, added as the response starts so that error paths which
/// clear the response keep them. The CSP allows what Blazor Server and MudBlazor need: their own
/// scripts, inline styles, and the circuit's same-origin WebSocket.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    private const string ScriptNonceItem = "Bootstrap.ContentSecurityPolicy.ScriptNonce";

    /// <summary>
    /// A fresh nonce for a page that cannot do without an inline script (the API reference): only
    /// that response's CSP admits scripts carrying it, every other response keeps the policy above.
    /// </summary>
    public static string ScriptNonce(HttpContext context)
    {
        if (context.Items[ScriptNonceItem] is not string nonce)
        {
            nonce = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            context.Items[ScriptNonceItem] = nonce;
        }
        return nonce;
    }

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Items[ScriptNonceItem] is string nonce
                ? ContentSecurityPolicy.Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal)
                : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
