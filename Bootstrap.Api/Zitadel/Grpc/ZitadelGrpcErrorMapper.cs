using System.Globalization;
using System.Text;
using Bootstrap.Api.Common;
using FluentValidation.Results;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Bootstrap.Api.Zitadel.Grpc;

/// <summary>
/// Zitadel's errors for gRPC and gRPC-Web callers: the code and message of <see cref="ZitadelStatus"/>
/// as a gRPC status. Used for failures outside the service methods (authentication, authorization,
/// rate limits, request guards, set-up gates); inside them <see cref="ZitadelGrpcExceptionInterceptor"/> does it.
/// </summary>
public sealed class ZitadelGrpcErrorMapper : IApiErrorMapper
{
    public ApiFamily Family => ApiFamily.Zitadel;

    public IResult Map(ApiError error) => new GrpcStatusResult(ToStatus(ZitadelStatus.Of(error)));

    public IResult Map(IReadOnlyList<ValidationFailure> failures) => new GrpcStatusResult(ToStatus(ZitadelStatus.Of(failures)));

    public IResult MalformedBody(IReadOnlyDictionary<string, string[]> errors) => new GrpcStatusResult(ToStatus(ZitadelStatus.MalformedBody(errors)));

    public static Status ToStatus(ZitadelStatus status) => new((StatusCode)status.Code, status.Message);

    public static Status ToStatus(ApiError error) => ToStatus(ZitadelStatus.Of(error));

    public static Status ToStatus(IReadOnlyList<ValidationFailure> failures) => ToStatus(ZitadelStatus.Of(failures));
}

/// <summary>
/// A trailers-only gRPC response: HTTP 200 and the status in the headers, no message. Behind the
/// gRPC-Web middleware the content type is turned into gRPC-Web's; before it (or without it) the
/// caller's own gRPC-Web content type is answered.
/// </summary>
public sealed class GrpcStatusResult(Status status) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcRequests.IsGrpcWeb(httpContext.Request) ? httpContext.Request.ContentType : GrpcRequests.GrpcContentType;
        response.Headers["grpc-status"] = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(status.Detail);
        return Task.CompletedTask;
    }

    /// <summary>grpc-message is percent-encoded UTF-8 (gRPC over HTTP/2, "Responses").</summary>
    internal static string PercentEncode(string message)
    {
        var encoded = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }
}
