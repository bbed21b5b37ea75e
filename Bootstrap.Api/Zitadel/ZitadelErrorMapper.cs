using System.Text.Json.Serialization;
using Bootstrap.Api.Common;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http;

namespace Bootstrap.Api.Zitadel;

/// <summary>Zitadel's gRPC-gateway errors: <c>{code, message, details[ErrorDetail]}</c> with the gRPC code mapped to HTTP.</summary>
public sealed class ZitadelErrorMapper : IApiErrorMapper
{
    private const string ErrorDetailType = "type.googleapis.com/zitadel.v1.ErrorDetail";

    public ApiFamily Family => ApiFamily.Zitadel;

    public IResult Map(ApiError error)
    {
        var (code, id) = error.Kind switch
        {
            ErrorKind.Invalid or ErrorKind.Unprocessable or ErrorKind.TooLarge or ErrorKind.UnsupportedMediaType => (GrpcCode.InvalidArgument, "REQUEST-invalid"),
            ErrorKind.Unauthorized => (GrpcCode.Unauthenticated, "AUTH-unauthenticated"),
            ErrorKind.Forbidden => (GrpcCode.PermissionDenied, "AUTH-permission-denied"),
            ErrorKind.NotFound or ErrorKind.MethodNotAllowed => (GrpcCode.NotFound, "REQUEST-not-found"),
            ErrorKind.Conflict or ErrorKind.AlreadySetUp => (GrpcCode.AlreadyExists, "REQUEST-already-exists"),
            ErrorKind.TooManyRequests => (GrpcCode.ResourceExhausted, "REQUEST-rate-limited"),
            _ => (GrpcCode.Internal, "REQUEST-internal"),
        };
        return Error(code, error.Message, [new ErrorDetail(ErrorDetailType, id, error.Message)]);
    }

    public IResult Map(IReadOnlyList<ValidationFailure> failures) => Error(
        GrpcCode.InvalidArgument,
        string.Join("; ", failures.Select(f => f.ErrorMessage)),
        failures.Select(f => new ErrorDetail(ErrorDetailType, f.ErrorCode, f.ErrorMessage)).ToList());

    public IResult MalformedBody(IReadOnlyDictionary<string, string[]> errors)
    {
        var message = $"invalid request body: {errors.Values.SelectMany(m => m).FirstOrDefault()}";
        return Error(GrpcCode.InvalidArgument, message, [new ErrorDetail(ErrorDetailType, "REQUEST-invalid-body", message)]);
    }

    private static IResult Error(GrpcCode code, string message, IReadOnlyList<ErrorDetail> details) =>
        TypedResults.Json(new ZitadelError((int)code, message, details), statusCode: StatusFor(code));

    private static int StatusFor(GrpcCode code) => code switch
    {
        GrpcCode.InvalidArgument => StatusCodes.Status400BadRequest,
        GrpcCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        GrpcCode.PermissionDenied => StatusCodes.Status403Forbidden,
        GrpcCode.NotFound => StatusCodes.Status404NotFound,
        GrpcCode.AlreadyExists => StatusCodes.Status409Conflict,
        GrpcCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status500InternalServerError,
    };

    private enum GrpcCode
    {
        InvalidArgument = 3,
        NotFound = 5,
        AlreadyExists = 6,
        PermissionDenied = 7,
        ResourceExhausted = 8,
        Internal = 13,
        Unauthenticated = 16,
    }

    private sealed record ZitadelError(int Code, string Message, IReadOnlyList<ErrorDetail> Details);

    private sealed record ErrorDetail([property: JsonPropertyName("@type")] string Type, string Id, string Message);
}
