using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bootstrap.Api.Common;

/// <summary>
/// On API routes: caps the body at 64 KiB, turns anything unhandled into the family's error
/// format, so that no client ever sees a bare 500 page or a stack trace, and forbids caching.
/// </summary>
public sealed class ApiRequestGuardMiddleware(RequestDelegate next, ApiErrorMappers errors, ILogger<ApiRequestGuardMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (ApiFamilies.Resolve(context.Request.Path) is null)
        {
            await next(context);
            return;
        }

        // Every API answer is computed for its caller, and the setup doors, the token endpoint and
        // authorizations carry secrets: no browser or proxy cache may keep any of them.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.Pragma = "no-cache";
            return Task.CompletedTask;
        });

        if (context.Request.ContentLength > ApiRequestLimits.MaxBodyBytes)
        {
            await errors.WriteAsync(context, ApiError.TooLarge());
            return;
        }
        context.Request.Body = new MaxLengthStream(context.Request.Body, ApiRequestLimits.MaxBodyBytes);

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await errors.WriteAsync(context, exception.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? ApiError.TooLarge()
                : new ApiError(ErrorKind.Invalid, "the request could not be read"));
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await errors.WriteAsync(context, ApiError.Internal());
        }
    }
}
