namespace Bootstrap.Api.Common;

/// <summary>A family-neutral error; each family's <see cref="IApiErrorMapper"/> renders it in that family's wire format.</summary>
/// <param name="Reason">A family-specific sub-code where the family has one (OAuth's <c>invalid_grant</c>).</param>
public sealed record ApiError(ErrorKind Kind, string Message, string? Reason = null)
{
    public static ApiError Unauthorized() => new(ErrorKind.Unauthorized, "unauthorized access");
    public static ApiError Forbidden() => new(ErrorKind.Forbidden, "forbidden");
    public static ApiError NotFound(string message = "not found") => new(ErrorKind.NotFound, message);
    public static ApiError TooLarge() => new(ErrorKind.TooLarge, $"request body exceeds the limit of {ApiRequestLimits.MaxBodyBytes} bytes");
    public static ApiError AlreadySetUp() => new(ErrorKind.AlreadySetUp, "setup has already been completed");
    public static ApiError Internal() => new(ErrorKind.Internal, "an internal error occurred");
    public static ApiError Unavailable(string message) => new(ErrorKind.Unavailable, message);
}

public enum ErrorKind
{
    Invalid,
    Unprocessable,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    AlreadySetUp,
    TooLarge,
    TooManyRequests,
    MethodNotAllowed,
    UnsupportedMediaType,
    Internal,
    Unavailable,
}

public static class ApiRequestLimits
{
    public const long MaxBodyBytes = 64 * 1024;
}
