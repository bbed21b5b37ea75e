using Bootstrap.Api.Common;
using Bootstrap.Api.Native;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bootstrap.Api.Infisical;

/// <summary>Infisical's Fastify errors: <c>{reqId, statusCode, message, error}</c>; validation carries zod issues.</summary>
public sealed class InfisicalErrorMapper(IHttpContextAccessor httpContext) : IApiErrorMapper
{
    public ApiFamily Family => ApiFamily.Infisical;

    public IResult Map(ApiError error) => error.Kind switch
    {
        ErrorKind.AlreadySetUp => Error(StatusCodes.Status400BadRequest, "Instance has already been set up", "BadRequest"),
        ErrorKind.Invalid => Error(StatusCodes.Status400BadRequest, error.Message, "BadRequest"),
        ErrorKind.Unprocessable => Error(StatusCodes.Status422UnprocessableEntity, error.Message, "ValidationFailure"),
        ErrorKind.Unauthorized => Error(StatusCodes.Status401Unauthorized, "Token missing or invalid", "UnauthorizedError"),
        ErrorKind.Forbidden => Error(StatusCodes.Status403Forbidden, "You are not allowed to perform this action", "PermissionDenied"),
        ErrorKind.NotFound => Error(StatusCodes.Status404NotFound, error.Message, "NotFound"),
        ErrorKind.Conflict => Error(StatusCodes.Status400BadRequest, error.Message, "BadRequest"),
        ErrorKind.TooLarge => Error(StatusCodes.Status413PayloadTooLarge, error.Message, "PayloadTooLarge"),
        ErrorKind.TooManyRequests => Error(StatusCodes.Status429TooManyRequests, "Rate limit exceeded. Please try again later.", "RateLimitExceeded"),
        ErrorKind.MethodNotAllowed => Error(StatusCodes.Status405MethodNotAllowed, error.Message, "MethodNotAllowed"),
        ErrorKind.UnsupportedMediaType => Error(StatusCodes.Status415UnsupportedMediaType, error.Message, "UnsupportedMediaType"),
        ErrorKind.Unavailable => Error(StatusCodes.Status503ServiceUnavailable, error.Message, "ServiceUnavailable"),
        _ => Error(StatusCodes.Status500InternalServerError, "Something went wrong", "InternalServerError"),
    };

    public IResult Map(IReadOnlyList<ValidationFailure> failures) => Error(
        StatusCodes.Status422UnprocessableEntity,
        failures.Select(f => new ZodIssue(
            string.IsNullOrEmpty(f.ErrorCode) ? "custom" : f.ErrorCode,
            f.ErrorMessage,
            f.PropertyName.Length == 0 ? [] : NativeErrorMapper.ToJsonPath(f.PropertyName).Split('.'))).ToList(),
        "ValidationFailure");

    public IResult MalformedBody(IReadOnlyDictionary<string, string[]> errors) =>
        Error(StatusCodes.Status400BadRequest, $"Body is not valid JSON: {errors.Values.SelectMany(m => m).FirstOrDefault()}", "BadRequest");

    private JsonHttpResult<InfisicalError> Error(int status, object message, string error) =>
        TypedResults.Json(new InfisicalError(httpContext.HttpContext?.TraceIdentifier ?? string.Empty, status, message, error), statusCode: status);

    private sealed record InfisicalError(string ReqId, int StatusCode, object Message, string Error);

    private sealed record ZodIssue(string Code, string Message, IReadOnlyList<string> Path);
}
