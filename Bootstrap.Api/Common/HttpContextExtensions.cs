using Microsoft.AspNetCore.Http;

namespace Bootstrap.Api.Common;

public static class HttpContextExtensions
{
    public static string? RemoteAddress(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
