using Bootstrap.Api.Common;
using Bootstrap.Api.Data;
using Bootstrap.Api.Zitadel.Grpc;
using Microsoft.AspNetCore.Http;

namespace Bootstrap.Api.Startup;

/// <summary>
/// While migrations are pending (<c>Database:MigrateAtStart</c> false and the <c>migrate</c> step not run
/// yet), a request that would touch the tables gets 503 saying so, in its family's error format (an HTML
/// page for the wizard), instead of a 500 about a missing table. The probes pass: they say 503 themselves.
/// Each request looks again until the migrations are seen applied; after that this is one field read.
/// </summary>
public sealed class PendingMigrationsMiddleware(RequestDelegate next, DatabaseSchema schema, ApiErrorMappers errors)
{
    public const string Message = "the database is not migrated yet: run the migrate verb (Bootstrap.Web migrate), then retry";

    private static readonly string[] ProbePaths = ["/ready", "/health", "/ping", "/metrics"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (schema.IsKnownMigrated || IsProbe(context.Request.Path) || await schema.RefreshAsync(context.RequestAborted))
        {
            await next(context);
            return;
        }
        context.Response.Headers.RetryAfter = "10";
        if (ApiFamilies.Resolve(context.Request.Path) is not null || GrpcRequests.IsGrpcCall(context.Request))
        {
            await errors.WriteAsync(context, ApiError.Unavailable(Message));
            return;
        }
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(NotMigratedPage, context.RequestAborted);
    }

    private static bool IsProbe(PathString path) => ProbePaths.Any(probe => path.Equals(probe, StringComparison.OrdinalIgnoreCase));

    private const string NotMigratedPage = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Bootstrap: the database is not migrated yet</title></head>
        <body>
        <h1>The database is not migrated yet</h1>
        <p>This server does not apply database migrations itself (<code>Database:MigrateAtStart</code> is false).
        Run <code>Bootstrap.Web migrate</code> (or the Job that runs it), then reload this page.</p>
        </body>
        </html>
        """;
}
