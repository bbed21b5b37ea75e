using System.Text.Json;
using Bootstrap.Api.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;

namespace Bootstrap.Api.Zitadel.Json;

/// <summary>
/// Binds a Zitadel JSON door's body as Zitadel's gateway reads it (see <see cref="ProtoJson"/>): as JSON
/// whatever the declared content type, proto or JSON field names, enums by name or number. Still a body
/// parameter, so the OpenAPI document keeps describing it. Use with <see cref="NoFormValuesAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ZitadelJsonBodyAttribute : ModelBinderAttribute
{
    public ZitadelJsonBodyAttribute()
        : base(typeof(ZitadelJsonBodyBinder)) => BindingSource = BindingSource.Body;
}

/// <summary>Anything protojson would refuse is 400 <c>InvalidArgument</c> in Zitadel's error format, never a partial write.</summary>
public sealed class ZitadelJsonBodyBinder(IOptions<JsonOptions> json) : IModelBinder
{
    private const int MaxDepth = 64;

    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var body = await bindingContext.HttpContext.Request.ReadOnceAsync();
        try
        {
            var normalized = ProtoJson.ToJsonNames(Parse(body), ZitadelMessages.For(bindingContext.ModelType));
            bindingContext.Result = ModelBindingResult.Success(normalized.Deserialize(bindingContext.ModelType, json.Value.JsonSerializerOptions));
        }
        catch (ProtoJsonException exception)
        {
            throw new ApiException(new ApiError(ErrorKind.Invalid, exception.Message));
        }
    }

    /// <summary>An empty body is an empty message, as the gateway's decoder treats end of input.</summary>
    private static JsonElement Parse(ReadOnlyMemory<byte> body)
    {
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            body = "{}"u8.ToArray();
        }
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            var position = exception.LineNumber is { } line && exception.BytePositionInLine is { } column ? $" (line {line + 1}:{column + 1})" : "";
            throw new ProtoJsonException($"proto: syntax error{position}: the body is not valid JSON");
        }
    }
}
