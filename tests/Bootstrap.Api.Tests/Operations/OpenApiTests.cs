using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bootstrap.Api.OpenApi;
using Bootstrap.Api.Security;
using Bootstrap.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.Tests.Operations;

public sealed partial class OpenApiTests
{
    [Fact]
    public async Task Document_ShouldDescribeEveryControllerRouteWithSchemasAndErrorBodies()
    {
        await using var app = new BootstrapApiFactory(settings: Enabled);
        var client = app.CreateClient();

        var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.ReadJsonAsync()).GetProperty("paths");
        var routes = ControllerRoutes(app.Services.GetRequiredService<EndpointDataSource>());
        Assert.Contains(("POST", "/api/setup"), routes);
        foreach (var (method, path) in routes)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing from the OpenAPI document");
            Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{method} {path} is missing from the OpenAPI document");
            var responses = operation.GetProperty("responses").EnumerateObject().ToList();

            var success = Assert.Single(responses, r => r.Name.StartsWith('2'));
            if (success.Name != "204")
            {
                Assert.True(HasJsonSchema(success.Value), $"{method} {path} {success.Name} has no JSON schema");
            }
            var errors = responses.Where(r => r.Name[0] is '4' or '5').ToList();
            Assert.Contains(errors, r => r.Name == "500");
            Assert.All(errors, error => Assert.True(HasJsonSchema(error.Value), $"{method} {path} {error.Name} has no error body schema"));
            if (operation.TryGetProperty("requestBody", out _))
            {
                Assert.Contains(errors, r => r.Name == "400");
            }
        }
    }

    [Fact]
    public async Task ErrorBodies_ShouldBeEachFamilysOwnFormat()
    {
        await using var app = new BootstrapApiFactory(settings: Enabled);
        var paths = (await (await app.CreateClient().GetAsync("/openapi/v1.json")).ReadJsonAsync()).GetProperty("paths");

        Assert.Equal(["code", "message"], ErrorProperties(paths, "/api/v2/setup", "post", "422"));
        Assert.Contains("errors", ErrorProperties(paths, "/api/setup", "post", "400", "application/problem+json"));
        Assert.Equal(["detail", "instance", "status", "title", "type"], ErrorProperties(paths, "/api/setup", "post", "409", "application/problem+json"));
        Assert.Equal(["error", "message", "reqId", "statusCode"], ErrorProperties(paths, "/api/v1/admin/bootstrap", "post", "400"));
        Assert.Equal(["code", "details", "message"], ErrorProperties(paths, "/system/v1/instances/_create", "post", "401"));
    }

    [Fact]
    public async Task ApiReference_ShouldServeTheScalarPage()
    {
        await using var app = new BootstrapApiFactory(settings: Enabled);

        var response = await app.CreateClient().GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Bootstrap API</title>", page);
        Assert.Contains("scalar", page);
    }

    [Fact]
    public async Task DocumentAndReference_ShouldNotBeServedInProductionByDefault()
    {
        await using var app = new BootstrapApiFactory();
        var client = app.WithWebHostBuilder(host => host.UseEnvironment("Production")).CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/docs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/docs/")).StatusCode);
    }

    [Fact]
    public async Task DocumentAndReference_ShouldBeServedInProductionWhenEnabled()
    {
        await using var app = new BootstrapApiFactory(settings: Enabled);
        var client = app.WithWebHostBuilder(host => host.UseEnvironment("Production")).CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/docs")).StatusCode);
    }

    [Fact]
    public async Task ApiReference_ShouldRunItsScriptsOnlyByThisResponsesNonce()
    {
        await using var app = new BootstrapApiFactory(settings: Enabled);
        var client = app.CreateClient();

        var response = await client.GetAsync("/docs/");
        var again = await client.GetAsync("/docs/");

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = ScriptNonce().Match(policy).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy.Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal), policy);
        var scripts = ScriptTag().Matches(await response.Content.ReadAsStringAsync()).Select(m => m.Value).ToList();
        Assert.Contains(scripts, tag => !tag.Contains("src=", StringComparison.Ordinal));
        Assert.All(scripts, tag => Assert.Contains($"nonce=\"{nonce}\"", tag, StringComparison.Ordinal));
        Assert.DoesNotContain(nonce, again.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, (await client.GetAsync("/health")).Headers.GetValues("Content-Security-Policy").Single());
    }

    private static Dictionary<string, string?> Enabled => new()
    {
        ["SystemApi:Token"] = BootstrapApiFactory.SystemToken,
        [BootstrapOpenApi.EnabledSetting] = "true",
    };

    [GeneratedRegex("script-src 'self' 'nonce-([^']+)'")]
    private static partial Regex ScriptNonce();

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    /// <summary>Every (method, path) a controller action answers, as OpenAPI spells paths.</summary>
    private static List<(string Method, string Path)> ControllerRoutes(EndpointDataSource endpoints) =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ControllerActionDescriptor>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods
                .Select(method => (method, "/" + RouteParameter().Replace(e.RoutePattern.RawText!.TrimStart('/'), "{$1}"))))
            .Distinct()
            .ToList();

    private static bool HasJsonSchema(JsonElement response) =>
        response.TryGetProperty("content", out var content)
        && content.EnumerateObject().Any(media => media.Name.EndsWith("json", StringComparison.Ordinal) && media.Value.TryGetProperty("schema", out _));

    private static List<string> ErrorProperties(JsonElement paths, string path, string method, string status, string contentType = "application/json") =>
        paths.GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status)
            .GetProperty("content").GetProperty(contentType).GetProperty("schema").GetProperty("properties")
            .EnumerateObject().Select(p => p.Name).Order().ToList();

    /// <summary>"{id:guid}" and "{id?}" are "{id}" in OpenAPI.</summary>
    [GeneratedRegex(@"\{\*{0,2}([^}:=?]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
