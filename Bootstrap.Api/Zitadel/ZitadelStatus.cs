using Bootstrap.Api.Common;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http;

namespace Bootstrap.Api.Zitadel;

/// <summary>gRPC status codes Zitadel answers with; the numbers are the wire values of both its JSON bodies and its gRPC statuses.</summary>
public enum ZitadelCode
{
    InvalidArgument = 3,
    NotFound = 5,
    AlreadyExists = 6,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    Internal = 13,
    Unavailable = 14,
    Unauthenticated = 16,
}

/// <summary>
/// The one table from Bootstrap's errors to Zitadel's code, message and ErrorDetails, rendered as the
/// JSON body by <see cref="ZitadelErrorMapper"/> and as a gRPC status by <see cref="Grpc.ZitadelGrpcErrorMapper"/>.
/// </summary>
public sealed record ZitadelStatus(ZitadelCode Code, string Message, IReadOnlyList<ZitadelErrorDetail> Details)
{
    public int HttpStatus => Code switch
    {
        ZitadelCode.InvalidArgument => StatusCodes.Status400BadRequest,
        ZitadelCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        ZitadelCode.PermissionDenied => StatusCodes.Status403Forbidden,
        ZitadelCode.NotFound => StatusCodes.Status404NotFound,
        ZitadelCode.AlreadyExists => StatusCodes.Status409Conflict,
        ZitadelCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        ZitadelCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ZitadelStatus Of(ApiError error)
    {
        var (code, id) = error.Kind switch
        {
            ErrorKind.Invalid or ErrorKind.Unprocessable or ErrorKind.TooLarge or ErrorKind.UnsupportedMediaType => (ZitadelCode.InvalidArgument, "REQUEST-invalid"),
            ErrorKind.Unauthorized => (ZitadelCode.Unauthenticated, "AUTH-unauthenticated"),
            ErrorKind.Forbidden => (ZitadelCode.PermissionDenied, "AUTH-permission-denied"),
            ErrorKind.NotFound or ErrorKind.MethodNotAllowed => (ZitadelCode.NotFound, "REQUEST-not-found"),
            ErrorKind.Conflict or ErrorKind.AlreadySetUp => (ZitadelCode.AlreadyExists, "REQUEST-already-exists"),
            ErrorKind.TooManyRequests => (ZitadelCode.ResourceExhausted, "REQUEST-rate-limited"),
            ErrorKind.Unavailable => (ZitadelCode.Unavailable, "REQUEST-unavailable"),
            _ => (ZitadelCode.Internal, "REQUEST-internal"),
        };
        return new(code, error.Message, [new ZitadelErrorDetail(id, error.Message)]);
    }

    public static ZitadelStatus Of(IReadOnlyList<ValidationFailure> failures) => new(
        ZitadelCode.InvalidArgument,
        string.Join("; ", failures.Select(f => f.ErrorMessage)),
        failures.Select(f => new ZitadelErrorDetail(f.ErrorCode, f.ErrorMessage)).ToList());

    public static ZitadelStatus MalformedBody(IReadOnlyDictionary<string, string[]> errors)
    {
        var message = $"invalid request body: {errors.Values.SelectMany(m => m).FirstOrDefault()}";
        return new(ZitadelCode.InvalidArgument, message, [new ZitadelErrorDetail("REQUEST-invalid-body", message)]);
    }
}

public sealed record ZitadelErrorDetail(string Id, string Message);
