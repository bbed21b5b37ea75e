using System.Text.Json;
using Bootstrap.Api.Common;

namespace Bootstrap.Api.Tests.Security;

/// <summary>Asserts that an error response is in its API family's documented error format.</summary>
public static class ErrorFormats
{
    private static readonly Dictionary<int, int> HttpStatusByGrpcCode = new()
    {
        [3] = 400, [16] = 401, [7] = 403, [5] = 404, [6] = 409, [8] = 429, [13] = 500,
    };

    public static async Task AssertFamilyErrorAsync(this HttpResponseMessage response, ApiFamily family)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        JsonElement body;
        try
        {
            body = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            throw Xunit.Sdk.FailException.ForFailure($"{status} {mediaType} is not a JSON error body: '{text}'");
        }
        var because = $"{status} {mediaType} {text}";

        switch (family)
        {
            case ApiFamily.Influx:
                Assert.True(mediaType == "application/json", because);
                AssertProperties(body, because, ("code", JsonValueKind.String), ("message", JsonValueKind.String));
                Assert.True(response.Headers.TryGetValues("X-Platform-Error-Code", out var codes), because);
                Assert.Equal(body.GetProperty("code").GetString(), Assert.Single(codes));
                break;
            case ApiFamily.Infisical:
                Assert.True(mediaType == "application/json", because);
                AssertProperties(body, because, ("reqId", JsonValueKind.String), ("statusCode", JsonValueKind.Number), ("message", null), ("error", JsonValueKind.String));
                Assert.Equal(status, body.GetProperty("statusCode").GetInt32());
                Assert.True(body.GetProperty("message").ValueKind is JsonValueKind.String or JsonValueKind.Array, because);
                break;
            case ApiFamily.Zitadel:
                Assert.True(mediaType == "application/json", because);
                AssertProperties(body, because, ("code", JsonValueKind.Number), ("message", JsonValueKind.String), ("details", JsonValueKind.Array));
                Assert.True(HttpStatusByGrpcCode.GetValueOrDefault(body.GetProperty("code").GetInt32()) == status, because);
                Assert.All(body.GetProperty("details").EnumerateArray(), detail =>
                    AssertProperties(detail, because, ("@type", JsonValueKind.String), ("id", JsonValueKind.String), ("message", JsonValueKind.String)));
                break;
            case ApiFamily.Native:
                Assert.True(mediaType == "application/problem+json", because);
                Assert.True(body.TryGetProperty("status", out var problemStatus) && problemStatus.GetInt32() == status, because);
                Assert.True(body.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String, because);
                break;
            case ApiFamily.OAuth:
                Assert.True(mediaType == "application/json", because);
                AssertProperties(body, because, ("error", JsonValueKind.String), ("error_description", JsonValueKind.String));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(family), family, null);
        }
    }

    /// <summary>Exactly these properties; a null kind accepts any.</summary>
    private static void AssertProperties(JsonElement body, string because, params (string Name, JsonValueKind? Kind)[] properties)
    {
        Assert.True(body.ValueKind == JsonValueKind.Object, because);
        Assert.True(properties.Select(p => p.Name).Order().SequenceEqual(body.EnumerateObject().Select(p => p.Name).Order()), because);
        foreach (var (name, kind) in properties.Where(p => p.Kind is not null))
        {
            Assert.True(body.GetProperty(name).ValueKind == kind, because);
        }
    }
}
