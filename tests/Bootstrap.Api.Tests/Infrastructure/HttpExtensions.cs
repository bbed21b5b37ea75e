using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Bootstrap.Api.Tests.Infrastructure;

public static class HttpExtensions
{
    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string body, string contentType = "application/json") =>
        client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static HttpClient WithToken(this HttpClient client, string scheme, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme, token);
        return client;
    }

    public static Task<HttpResponseMessage> GetWithTokenAsync(this HttpClient client, string path, string token, string scheme = "Token")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        return client.SendAsync(request);
    }

    public static IReadOnlyList<string> PropertyNames(this JsonElement element) =>
        element.EnumerateObject().Select(p => p.Name).ToList();

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body);

    /// <summary>InfluxDB's session sign-in with HTTP Basic.</summary>
    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string userName, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/signin");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}")));
        return client.SendAsync(request);
    }
}
