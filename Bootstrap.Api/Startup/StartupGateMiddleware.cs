using Bootstrap.Api.Zitadel.Grpc;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Bootstrap.Api.Startup;

/// <summary>
/// Holds each request until the application has started (the <see cref="StartupSequence"/> is done):
/// the server listens while migrations still run, and a request arriving then waits rather than
/// finding the database half ready. If the start fails, the process is going down: 503 (a gRPC caller gets UNAVAILABLE, 14).
/// </summary>
public sealed class StartupGateMiddleware(RequestDelegate next, IHostApplicationLifetime lifetime)
{
    private readonly Task<bool> _started = StartedOrStopping(lifetime);

    public async Task InvokeAsync(HttpContext context)
    {
        if (_started.IsCompletedSuccessfully ? _started.Result : await _started.WaitAsync(context.RequestAborted))
        {
            await next(context);
            return;
        }
        if (GrpcRequests.IsGrpcCall(context.Request))
        {
            await new GrpcStatusResult(new Status(StatusCode.Unavailable, "the server is stopping")).ExecuteAsync(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.Connection = "close";
    }

    private static Task<bool> StartedOrStopping(IHostApplicationLifetime lifetime)
    {
        var outcome = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => outcome.TrySetResult(true));
        lifetime.ApplicationStopping.Register(() => outcome.TrySetResult(false));
        return outcome.Task;
    }
}
