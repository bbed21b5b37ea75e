using System.Text.Json;

namespace Bootstrap.Api.Tests.Infrastructure;

/// <summary>Checks a JSON object against a seed schema: exactly these properties, each of this kind.</summary>
public static class JsonShape
{
    public const string Uuid = "uuid";
    public const string Text = "string";
    public const string NullableText = "string?";
    public const string Flag = "boolean";
    public const string Numeric = "number";
    public const string Nested = "object";
    public const string DecimalId = "decimal-id";

    public static void AssertObject(JsonElement element, IReadOnlyDictionary<string, string> properties)
    {
        Assert.Equal(JsonValueKind.Object, element.ValueKind);
        Assert.Equal(properties.Keys.Order(), element.EnumerateObject().Select(p => p.Name).Order());
        foreach (var (name, kind) in properties)
        {
            var value = element.GetProperty(name);
            switch (kind)
            {
                case Uuid:
                    Assert.True(Guid.TryParseExact(value.GetString(), "D", out _), $"{name} is not a UUID: {value}");
                    break;
                case DecimalId:
                    Assert.Matches("^[1-9][0-9]*$", value.GetString());
                    break;
                case Text:
                    Assert.Equal(JsonValueKind.String, value.ValueKind);
                    break;
                case NullableText:
                    Assert.True(value.ValueKind is JsonValueKind.String or JsonValueKind.Null, $"{name} is {value.ValueKind}");
                    break;
                case Flag:
                    Assert.True(value.ValueKind is JsonValueKind.True or JsonValueKind.False, $"{name} is {value.ValueKind}");
                    break;
                case Numeric:
                    Assert.Equal(JsonValueKind.Number, value.ValueKind);
                    break;
                case Nested:
                    Assert.Equal(JsonValueKind.Object, value.ValueKind);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(properties), kind, "unknown kind");
            }
        }
    }
}
