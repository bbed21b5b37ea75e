using Bootstrap.Domain.Logging;
using Bootstrap.Domain.Setup;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Logging;

namespace Bootstrap.Api.Common;

/// <summary>
/// Turns unreadable bodies and domain exceptions into the calling family's error format, so that
/// controllers only ever return success bodies.
/// </summary>
public sealed class ApiErrorFilter(ApiErrorMappers mappers, ILogger<ApiErrorFilter> logger) : IAsyncActionFilter, IAsyncExceptionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        if (!context.ModelState.IsValid)
        {
            context.Result = new ApiResultAdapter(mappers.For(context.HttpContext).MalformedBody(JsonPathErrors(context.ModelState)));
            return;
        }
        await next();
    }

    public Task OnExceptionAsync(ExceptionContext context)
    {
        var mapper = mappers.For(context.HttpContext);
        // Every API door refuses a second setup with this exception, some before the setup service is reached.
        if (context.Exception is SetupAlreadyCompletedException)
        {
            logger.SetupRefused(context.HttpContext.SetupContext());
        }
        if (ApiExceptions.Map(context.Exception, mapper.Map, mapper.Map) is { } result)
        {
            context.Result = new ApiResultAdapter(result);
            context.ExceptionHandled = true;
        }
        return Task.CompletedTask;
    }

    private static Dictionary<string, string[]> JsonPathErrors(ModelStateDictionary modelState) =>
        modelState
            .Where(entry => entry.Value is { Errors.Count: > 0 })
            .GroupBy(entry => ToJsonPath(entry.Key))
            .ToDictionary(
                group => group.Key,
                group => group.SelectMany(entry => entry.Value!.Errors)
                    .Select(e => string.IsNullOrEmpty(e.ErrorMessage) ? "The request body is not valid JSON." : e.ErrorMessage)
                    .Distinct()
                    .ToArray());

    /// <summary>"$.admin.password" becomes "admin.password"; errors about the body as a whole become "body".</summary>
    private static string ToJsonPath(string key) =>
        key.StartsWith("$.", StringComparison.Ordinal) ? key[2..] : "body";
}

/// <summary>The exceptions the domain and the request pipeline throw for a caller's mistake, and the error each stands for.</summary>
public static class ApiExceptions
{
    /// <summary>Null for anything else: an unexpected exception, which the caller must not see the details of.</summary>
    public static T? Map<T>(Exception exception, Func<ApiError, T> error, Func<IReadOnlyList<ValidationFailure>, T> invalid) where T : class =>
        exception switch
        {
            ValidationException validation => invalid(validation.Errors.ToList()),
            SetupAlreadyCompletedException => error(ApiError.AlreadySetUp()),
            ConflictException conflict => error(new ApiError(ErrorKind.Conflict, conflict.Message)),
            ApiException api => error(api.Error),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => error(ApiError.TooLarge()),
            _ => null,
        };
}

/// <summary>Thrown by controllers and handlers for errors that are not validation failures.</summary>
public sealed class ApiException(ApiError error) : Exception(error.Message)
{
    public ApiError Error { get; } = error;
}
