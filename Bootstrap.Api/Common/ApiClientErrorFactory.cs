using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Bootstrap.Api.Common;

/// <summary>
/// Renders the status-code results MVC produces by itself, such as 415 for a body that is not
/// declared as JSON, in the calling family's error format instead of MVC's problem details.
/// </summary>
public sealed class ApiClientErrorFactory(ApiErrorMappers mappers) : IClientErrorFactory
{
    public IActionResult GetClientError(ActionContext actionContext, IClientErrorActionResult clientError) =>
        new ApiResultAdapter(mappers.For(actionContext.HttpContext).Map(clientError.StatusCode switch
        {
            StatusCodes.Status415UnsupportedMediaType => new ApiError(ErrorKind.UnsupportedMediaType, "the request body must be sent as application/json"),
            StatusCodes.Status401Unauthorized => ApiError.Unauthorized(),
            StatusCodes.Status403Forbidden => ApiError.Forbidden(),
            StatusCodes.Status404NotFound => ApiError.NotFound(),
            StatusCodes.Status405MethodNotAllowed => new ApiError(ErrorKind.MethodNotAllowed, "method not allowed"),
            StatusCodes.Status409Conflict => new ApiError(ErrorKind.Conflict, "conflict"),
            StatusCodes.Status413PayloadTooLarge => ApiError.TooLarge(),
            StatusCodes.Status422UnprocessableEntity => new ApiError(ErrorKind.Unprocessable, "the request could not be processed"),
            StatusCodes.Status429TooManyRequests => new ApiError(ErrorKind.TooManyRequests, "too many requests, retry later"),
            _ => new ApiError(ErrorKind.Invalid, "the request is invalid"),
        }));
}
