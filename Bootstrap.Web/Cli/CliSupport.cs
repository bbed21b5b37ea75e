using System.Text.Json;
using System.Text.Json.Serialization;
using Bootstrap.Api.Common;

namespace Bootstrap.Web.Cli;

public static class CliJson
{
    /// <summary>The API's own wire conventions (camelCase), so --json prints what the API returns.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>For status-like output where a null (e.g. completedAt) is information.</summary>
    public static JsonSerializerOptions WithNulls { get; } = new(JsonSerializerDefaults.Web);
}

public static class CliHttp
{
    public static Uri ParseUrl(string value) =>
        Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new CliUsageException($"--url '{value}' is not an http(s) URL");

    public static HttpClient CreateClient(Uri baseAddress) => new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(100) };
}

public static class CliFiles
{
    /// <summary>
    /// Reserves the file an <c>--*-out</c> option names, or fails the verb before anything happens: an existing
    /// file is replaced only with <c>--force</c> (<paramref name="force"/>).
    /// </summary>
    public static PendingSecretFile ReserveSecret(string option, string path, bool force)
    {
        try
        {
            return PendingSecretFile.Reserve(path, replaceExisting: force);
        }
        catch (SecretFileExistsException exception)
        {
            throw new CliUsageException($"--{option}: {exception.Message}; add --force to replace it");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"--{option}: cannot write '{path}': {exception.Message}");
        }
    }
}
