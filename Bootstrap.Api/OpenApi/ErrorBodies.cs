using System.Text.Json.Serialization;

namespace Bootstrap.Api.OpenApi;

// The wire shapes of each family's error body, for the OpenAPI document only; the family's
// IApiErrorMapper is what writes them.

/// <summary>InfluxDB: <c>{code, message}</c>, with the code repeated in <c>X-Platform-Error-Code</c>.</summary>
public sealed record InfluxErrorBody(string Code, string Message);

/// <summary>Infisical: <c>message</c> is a string, or the array of validation issues.</summary>
public sealed record InfisicalErrorBody(string ReqId, int StatusCode, object Message, string Error);

/// <summary>Zitadel: a gRPC status code number and its details.</summary>
public sealed record ZitadelErrorBody(int Code, string Message, IReadOnlyList<ZitadelErrorDetail> Details);

public sealed record ZitadelErrorDetail([property: JsonPropertyName("@type")] string Type, string Id, string Message);

/// <summary>OAuth 2.0 (RFC 6749 §5.2).</summary>
public sealed record OAuthErrorBody(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description);
