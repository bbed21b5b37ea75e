namespace Bootstrap.Web.Errors;

public static class ErrorPageExtensions
{
    /// <summary>
    /// An unhandled exception on a browser page answers 500 with <see cref="ErrorPage"/>: no stack trace,
    /// a request id to match the log. Call first, so that it wraps the whole pipeline. API routes never
    /// reach it: <c>ApiRequestGuardMiddleware</c> turns their exceptions into the family's error format first.
    /// </summary>
    public static IApplicationBuilder UseBootstrapErrorPage(this IApplicationBuilder app) =>
        app.UseExceptionHandler("/error", createScopeForErrors: true);
}
