using System.Text.Json.Serialization;
using Bootstrap.Api.Common;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bootstrap.Api.OAuth;

/// <summary>RFC 6749 §5.2 error responses: <c>{error, error_description}</c>.</summary>
public sealed class OAuthErrorMapper : IApiErrorMapper
{
    public ApiFamily Family => ApiFamily.OAuth;

    public IResult Map(ApiError error) => error.Kind switch
    {
        ErrorKind.Unauthorized => Error(StatusCodes.Status401Unauthorized, error.Reason ?? "invalid_client", error.Message),
        ErrorKind.TooManyRequests => Error(StatusCodes.Status429TooManyRequests, error.Reason ?? "slow_down", error.Message),
        ErrorKind.NotFound => Error(StatusCodes.Status404NotFound, error.Reason ?? "not_found", error.Message),
        ErrorKind.Internal => Error(StatusCodes.Status500InternalServerError, "server_error", error.Message),
        ErrorKind.Unavailable => Error(StatusCodes.Status503ServiceUnavailable, "temporarily_unavailable", error.Message),
        _ => Error(StatusCodes.Status400BadRequest, error.Reason ?? "invalid_request", error.Message),
    };

    public IResult Map(IReadOnlyList<ValidationFailure> failures) =>
        Error(StatusCodes.Status400BadRequest, "invalid_request", failures[0].ErrorMessage);

    public IResult MalformedBody(IReadOnlyDictionary<string, string[]> errors) =>
        Error(StatusCodes.Status400BadRequest, "invalid_request", errors.Values.SelectMany(m => m).FirstOrDefault() ?? "malformed request");

    private static JsonHttpResult<OAuthError> Error(int status, string error, string description) =>
        TypedResults.Json(new OAuthError(error, description), statusCode: status);

    private sealed record OAuthError(
        [property: JsonPropertyName("error")] string Error,
        [property: JsonPropertyName("error_description")] string Description);
}
