using Bootstrap.Api.Common;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http;

namespace Bootstrap.Api.Native;

/// <summary>RFC 9457 problem details; validation errors are keyed by the request's JSON paths.</summary>
public sealed class NativeErrorMapper : IApiErrorMapper
{
    public ApiFamily Family => ApiFamily.Native;

    public IResult Map(ApiError error) => TypedResults.Problem(
        detail: error.Message,
        statusCode: StatusFor(error.Kind),
        title: TitleFor(error.Kind));

    public IResult Map(IReadOnlyList<ValidationFailure> failures) => TypedResults.ValidationProblem(
        ErrorsByJsonPath(failures),
        title: "One or more validation errors occurred.");

    /// <summary>The <c>errors</c> member of a validation problem; the offline CLI reports the same.</summary>
    public static Dictionary<string, string[]> ErrorsByJsonPath(IEnumerable<ValidationFailure> failures) => failures
        .GroupBy(f => ToJsonPath(f.PropertyName))
        .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());

    public IResult MalformedBody(IReadOnlyDictionary<string, string[]> errors) => TypedResults.ValidationProblem(
        errors,
        detail: "The request body could not be read as the expected JSON.",
        title: "The request body is malformed.");

    /// <summary>"Admin.Password" becomes "admin.password".</summary>
    public static string ToJsonPath(string propertyName) =>
        propertyName.Length == 0
            ? "body"
            : string.Join('.', propertyName.Split('.').Select(segment => char.ToLowerInvariant(segment[0]) + segment[1..]));

    private static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict or ErrorKind.AlreadySetUp => StatusCodes.Status409Conflict,
        ErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorKind.MethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        ErrorKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static string TitleFor(ErrorKind kind) => kind switch
    {
        ErrorKind.AlreadySetUp => "Setup has already been completed.",
        ErrorKind.Unauthorized => "Unauthorized.",
        ErrorKind.TooLarge => "Request body too large.",
        ErrorKind.TooManyRequests => "Too many requests.",
        ErrorKind.Unavailable => "Service unavailable.",
        _ => kind.ToString(),
    };
}
