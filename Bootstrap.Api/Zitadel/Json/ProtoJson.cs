using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Bootstrap.Api.Zitadel.Json;

public enum ProtoKind
{
    String,
    Bool,
    Enum,
    Timestamp,
    Message,
}

/// <summary>A proto enum whose values are numbered from 0 in the order given.</summary>
public sealed record ProtoEnum(string FullName, params string[] Values);

/// <summary>One field of a proto message, by its proto name; its JSON name is derived as protoc derives it.</summary>
public sealed record ProtoField(string Name, ProtoKind Kind, ProtoMessage? Message = null, ProtoEnum? Enum = null, bool Repeated = false, string? Oneof = null)
{
    public string JsonName { get; } = ToJsonName(Name);

    /// <summary>protoc's json_name: underscores dropped, the letter after each one upper-cased.</summary>
    private static string ToJsonName(string protoName) =>
        string.Concat(protoName.Split('_').Select((part, i) => i == 0 || part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
}

public sealed record ProtoMessage(string FullName, params ProtoField[] Fields)
{
    /// <summary>protojson accepts a field by its JSON name or its proto name, case-sensitively.</summary>
    public ProtoField? Find(string name) => Fields.FirstOrDefault(f => f.JsonName == name || f.Name == name);
}

/// <summary>A body that protojson would refuse; the message follows protojson's wording.</summary>
public sealed class ProtoJsonException(string message) : Exception(message);

/// <summary>
/// Reads a JSON object the way Zitadel's gateway does (protojson with <c>DiscardUnknown</c>): fields by
/// JSON or proto name, unknown fields and unknown enum names ignored, null meaning unset, enums by name or
/// number, Timestamps as RFC 3339 strings, duplicates and a second member of a oneof refused. The result
/// holds every field under its JSON name, enums by name, Timestamps in UTC, ready for System.Text.Json.
/// </summary>
public static partial class ProtoJson
{
    private const int RawTextShown = 64;

    // protojson parses Timestamps with Go's time.RFC3339Nano: a 'T', up to 9 fraction digits, 'Z' or an offset.
    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):([0-5]\d))$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    public static JsonObject ToJsonNames(JsonElement element, ProtoMessage message)
    {
        try
        {
            return ReadMessage(element, message);
        }
        catch (InvalidOperationException)
        {
            // JsonElement refuses to decode strings holding unpaired surrogates.
            throw new ProtoJsonException("proto: syntax error: invalid UTF-8 in string");
        }
    }

    private static JsonObject ReadMessage(JsonElement element, ProtoMessage message)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ProtoJsonException($"proto: syntax error: unexpected token {Raw(element)}");
        }
        var result = new JsonObject();
        var seen = new HashSet<ProtoField>(ReferenceEqualityComparer.Instance);
        var oneofs = new HashSet<string>();
        foreach (var property in element.EnumerateObject())
        {
            if (message.Find(property.Name) is not { } field)
            {
                continue;
            }
            if (!seen.Add(field))
            {
                throw new ProtoJsonException($"proto: duplicate field \"{property.Name}\"");
            }
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }
            if (field.Oneof is { } oneof && !oneofs.Add(oneof))
            {
                throw new ProtoJsonException($"proto: error parsing \"{property.Name}\", oneof {message.FullName}.{oneof} is already set");
            }
            if ((field.Repeated ? ReadList(property.Value, field) : ReadSingular(property.Value, field)) is { } value)
            {
                result[field.JsonName] = value;
            }
        }
        return result;
    }

    private static JsonArray ReadList(JsonElement element, ProtoField field)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw InvalidValue(field, element);
        }
        var list = new JsonArray();
        foreach (var item in element.EnumerateArray())
        {
            list.Add(ReadSingular(item, field) ?? throw InvalidValue(field, item));
        }
        return list;
    }

    /// <summary>The value under its JSON form, or null where protojson leaves the field unset (an unknown enum name).</summary>
    private static JsonNode? ReadSingular(JsonElement element, ProtoField field) => field.Kind switch
    {
        ProtoKind.String when element.ValueKind == JsonValueKind.String => JsonValue.Create(element.GetString()),
        ProtoKind.Bool when element.ValueKind is JsonValueKind.True or JsonValueKind.False => JsonValue.Create(element.GetBoolean()),
        ProtoKind.Enum => ReadEnum(element, field),
        ProtoKind.Timestamp => JsonValue.Create(ReadTimestamp(element)),
        ProtoKind.Message => ReadMessage(element, field.Message!),
        _ => throw InvalidValue(field, element),
    };

    private static JsonValue? ReadEnum(JsonElement element, ProtoField field)
    {
        var values = field.Enum!.Values;
        if (element.ValueKind == JsonValueKind.String)
        {
            var name = element.GetString();
            return values.Contains(name) ? JsonValue.Create(name) : null;
        }
        // Proto3 enums are open: a number outside the enum is kept, for the validators to judge.
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var number)
            && number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue)
        {
            var value = (int)number;
            return JsonValue.Create(value >= 0 && value < values.Length ? values[value] : value.ToString(CultureInfo.InvariantCulture));
        }
        throw InvalidValue(field, element);
    }

    private static string ReadTimestamp(JsonElement element)
    {
        var match = element.ValueKind == JsonValueKind.String ? Rfc3339().Match(element.GetString()!) : Match.Empty;
        if (!match.Success)
        {
            throw new ProtoJsonException($"proto: invalid google.protobuf.Timestamp value: {Raw(element)}");
        }
        int Part(int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        try
        {
            var offset = match.Groups[8].Success
                ? TimeSpan.Zero
                : new TimeSpan(Part(10), Part(11), 0) * (match.Groups[9].Value == "-" ? -1 : 1);
            // .NET keeps 7 fraction digits (100 ns ticks); protojson's further 2 are below any expiry's precision.
            var fraction = match.Groups[7].Success ? match.Groups[7].Value.PadRight(9, '0')[..7] : "0";
            var local = new DateTime(Part(1), Part(2), Part(3), Part(4), Part(5), Part(6), DateTimeKind.Unspecified)
                .AddTicks(long.Parse(fraction, CultureInfo.InvariantCulture));
            return new DateTimeOffset(local, offset).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        }
        catch (ArgumentException)
        {
            throw new ProtoJsonException($"proto: google.protobuf.Timestamp value out of range: {Raw(element)}");
        }
    }

    private static ProtoJsonException InvalidValue(ProtoField field, JsonElement element) =>
        new($"proto: invalid value for {field.Kind.ToString().ToLowerInvariant()} field {field.JsonName}: {Raw(element)}");

    private static string Raw(JsonElement element)
    {
        var raw = element.GetRawText();
        return raw.Length <= RawTextShown ? raw : raw[..RawTextShown] + "…";
    }
}
