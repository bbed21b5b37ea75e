using Bootstrap.Api.Common;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Bootstrap.Api.Zitadel.Grpc;

/// <summary>
/// The gRPC counterpart of <see cref="ApiErrorFilter"/>: the domain's exceptions become the status
/// whose code and message the JSON door would have put in its body; anything unexpected becomes
/// INTERNAL without details.
/// </summary>
public sealed class ZitadelGrpcExceptionInterceptor(ILogger<ZitadelGrpcExceptionInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException)
        {
            throw;
        }
        catch (Exception exception) when (!context.CancellationToken.IsCancellationRequested)
        {
            if (ApiExceptions.Map(exception, ToRpcException, ToRpcException) is { } mapped)
            {
                throw mapped;
            }
            logger.LogError(exception, "Unhandled error on {Method}", context.Method);
            throw ToRpcException(ApiError.Internal());
        }
    }

    private static RpcException ToRpcException(ApiError error) => new(ZitadelGrpcErrorMapper.ToStatus(error));

    private static RpcException ToRpcException(IReadOnlyList<FluentValidation.Results.ValidationFailure> failures) =>
        new(ZitadelGrpcErrorMapper.ToStatus(failures));
}
