using System.Text.Json;
using Bootstrap.Api.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;

namespace Bootstrap.Api.Influx.Setup;

/// <summary>
/// Binds an Influx setup body the way InfluxDB reads it: as JSON whatever the declared content type
/// (<c>curl -d</c> declares a form), so these endpoints never answer 415. Still a body parameter,
/// so the OpenAPI document keeps describing it.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class InfluxJsonBodyAttribute : ModelBinderAttribute
{
    public InfluxJsonBodyAttribute()
        : base(typeof(InfluxJsonBodyBinder)) => BindingSource = BindingSource.Body;
}

/// <summary>
/// Reads the body with the app's JSON options. A body that is not a JSON object, or a field of the
/// wrong type, is 400 <c>invalid</c> naming the field, as InfluxDB's <c>failed to decode request body</c> does.
/// </summary>
public sealed class InfluxJsonBodyBinder(IOptions<JsonOptions> json) : IModelBinder
{
    private const int DefaultMaxDepth = 64;

    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var body = await bindingContext.HttpContext.Request.ReadOnceAsync();
        bindingContext.Result = ModelBindingResult.Success(Decode(body, bindingContext.ModelType, json.Value.JsonSerializerOptions));
    }

    private static object Decode(ReadOnlyMemory<byte> body, Type type, JsonSerializerOptions options)
    {
        if (body.Length == 0)
        {
            throw Invalid("the body is empty");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions
            {
                MaxDepth = options.MaxDepth == 0 ? DefaultMaxDepth : options.MaxDepth,
                AllowTrailingCommas = options.AllowTrailingCommas,
                CommentHandling = options.ReadCommentHandling,
            });
        }
        catch (JsonException)
        {
            throw Invalid("the body is not valid JSON");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("the body must be a JSON object");
            }
            try
            {
                return document.RootElement.Deserialize(type, options)!;
            }
            catch (JsonException exception)
            {
                throw Invalid(DescribeField(document.RootElement, exception.Path, type, options));
            }
        }
    }

    /// <summary>"retentionPeriodSeconds must be a number" for a value of the wrong kind; what is wrong with it otherwise.</summary>
    private static string DescribeField(JsonElement root, string? path, Type type, JsonSerializerOptions options)
    {
        var name = path is not null && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        var property = name is null
            ? null
            : options.GetTypeInfo(type).Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (property is null || !root.TryGetProperty(name!, out var value))
        {
            return "the body does not match the expected fields";
        }

        var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return (target == typeof(string), value.ValueKind) switch
        {
            (true, JsonValueKind.String) => $"{property.Name} must be valid Unicode text",
            (true, _) => $"{property.Name} must be a string",
            (false, JsonValueKind.Number) => $"{property.Name} must be a whole number of at most 64 bits",
            (false, _) => $"{property.Name} must be a number",
        };
    }

    private static ApiException Invalid(string reason) =>
        new(new ApiError(ErrorKind.Invalid, $"failed to decode request body: {reason}"));
}
