using Microsoft.AspNetCore.Http;

namespace Bootstrap.Api.Common;

/// <summary>
/// The request body read once and kept for the rest of the request, so that a filter can look at it
/// before the action binds it. The 64 KiB cap of <see cref="ApiRequestGuardMiddleware"/> still applies.
/// </summary>
public static class RequestBody
{
    private static readonly object ItemKey = new();

    public static async Task<ReadOnlyMemory<byte>> ReadOnceAsync(this HttpRequest request)
    {
        if (request.HttpContext.Items.TryGetValue(ItemKey, out var cached) && cached is ReadOnlyMemory<byte> bytes)
        {
            return bytes;
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        bytes = buffer.ToArray();
        request.HttpContext.Items[ItemKey] = bytes;
        return bytes;
    }
}
