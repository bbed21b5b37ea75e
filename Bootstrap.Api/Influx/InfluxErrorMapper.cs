using Bootstrap.Api.Common;
using Bootstrap.Domain.Influx;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http;

namespace Bootstrap.Api.Influx;

/// <summary>InfluxDB 2.x errors: <c>{code, message}</c> plus the <c>X-Platform-Error-Code</c> header.</summary>
public sealed class InfluxErrorMapper : IApiErrorMapper
{
    private static readonly Dictionary<string, int> StatusByCode = new()
    {
        ["internal error"] = StatusCodes.Status500InternalServerError,
        ["not implemented"] = StatusCodes.Status501NotImplemented,
        ["not found"] = StatusCodes.Status404NotFound,
        ["conflict"] = StatusCodes.Status422UnprocessableEntity,
        ["invalid"] = StatusCodes.Status400BadRequest,
        ["unprocessable entity"] = StatusCodes.Status422UnprocessableEntity,
        ["empty value"] = StatusCodes.Status400BadRequest,
        ["unavailable"] = StatusCodes.Status503ServiceUnavailable,
        ["forbidden"] = StatusCodes.Status403Forbidden,
        ["too many requests"] = StatusCodes.Status429TooManyRequests,
        ["unauthorized"] = StatusCodes.Status401Unauthorized,
        ["method not allowed"] = StatusCodes.Status405MethodNotAllowed,
        ["request too large"] = StatusCodes.Status413PayloadTooLarge,
        ["unsupported media type"] = StatusCodes.Status415UnsupportedMediaType,
    };

    public ApiFamily Family => ApiFamily.Influx;

    public IResult Map(ApiError error) => error.Kind switch
    {
        ErrorKind.AlreadySetUp => Error("conflict", "onboarding has already been completed"),
        ErrorKind.Invalid => Error("invalid", error.Message),
        ErrorKind.Unprocessable => Error("unprocessable entity", error.Message),
        ErrorKind.Unauthorized => Error("unauthorized", error.Message),
        ErrorKind.Forbidden => Error("forbidden", error.Message),
        ErrorKind.NotFound => Error("not found", error.Message),
        ErrorKind.Conflict => Error("conflict", error.Message),
        ErrorKind.TooLarge => Error("request too large", error.Message),
        ErrorKind.TooManyRequests => Error("too many requests", error.Message),
        ErrorKind.MethodNotAllowed => Error("method not allowed", error.Message),
        ErrorKind.UnsupportedMediaType => Error("unsupported media type", error.Message),
        ErrorKind.Unavailable => Error("unavailable", error.Message),
        _ => Error("internal error", error.Message),
    };

    /// <summary>The real server stops at its first failed check, so only the first failure is reported.</summary>
    public IResult Map(IReadOnlyList<ValidationFailure> failures)
    {
        var first = failures[0];
        var code = StatusByCode.ContainsKey(first.ErrorCode) ? first.ErrorCode : InfluxOnboardingRequestValidator.Invalid;
        return Error(code, first.ErrorMessage);
    }

    public IResult MalformedBody(IReadOnlyDictionary<string, string[]> errors) =>
        Error("invalid", $"failed to decode request body: {errors.Values.SelectMany(m => m).FirstOrDefault()}");

    private static InfluxErrorResult Error(string code, string message) => new InfluxErrorResult(code, message, StatusByCode[code]);

    private sealed class InfluxErrorResult(string code, string message, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers["X-Platform-Error-Code"] = code;
            return TypedResults.Json(new InfluxError(code, message), statusCode: status).ExecuteAsync(httpContext);
        }
    }

    private sealed record InfluxError(string Code, string Message);
}
