using Bootstrap.Api.Common;
using Bootstrap.Api.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Bootstrap.Api.OpenApi;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and its reference UI (<c>/docs</c>). Error
/// responses are added per API family from the route, so every endpoint, including ones added
/// later, documents its family's error body without repeating attributes on each action.
/// </summary>
public static class BootstrapOpenApi
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/docs";

    public static IServiceCollection AddBootstrapOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Bootstrap",
                    Version = "v1",
                    Description = "First-run setup: the native request (/api/setup) and wire-compatible InfluxDB 2.x, Infisical and Zitadel endpoints.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(AddErrorResponsesAsync);
        });

    public const string EnabledSetting = "OpenApi:Enabled";

    /// <summary>
    /// Maps the document and the reference UI where <c>OpenApi:Enabled</c> is true, by default only in
    /// Development: a production server answers neither (404), so it does not hand every visitor a map
    /// of its endpoints, including those nobody calls there. The wire formats are public anyway.
    /// </summary>
    public static IEndpointRouteBuilder MapBootstrapOpenApi(this IEndpointRouteBuilder endpoints)
    {
        var configuration = endpoints.ServiceProvider.GetRequiredService<IConfiguration>();
        var environment = endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>();
        if (!(configuration.GetValue<bool?>(EnabledSetting) ?? environment.IsDevelopment()))
        {
            return endpoints;
        }
        endpoints.MapOpenApi();
        // Scalar's page starts with an inline module script: it carries a per-response nonce, so the
        // app's CSP stays as strict everywhere else. Fonts, telemetry, the AI chat and the developer
        // tools would reach Scalar's servers, which the CSP (rightly) blocks: nothing leaves the host.
        endpoints.MapScalarApiReference(ReferencePath, (options, context) => options
            .WithTitle("Bootstrap API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .WithNonce(SecurityHeadersMiddleware.ScriptNonce(context))
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .HideDeveloperTools());
        return endpoints;
    }

    private static async Task AddErrorResponsesAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var path = "/" + (context.Description.RelativePath ?? string.Empty).TrimStart('/');
        if (ApiFamilies.Resolve(path) is not { } family)
        {
            return;
        }
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var requiresAuth = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var hasBody = context.Description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body || p.Source == BindingSource.Form);

        var statuses = new List<int> { StatusCodes.Status500InternalServerError };
        if (hasBody)
        {
            statuses.AddRange([StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, AlreadyExistsStatus(family)]);
        }
        if (requiresAuth)
        {
            statuses.AddRange([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]);
        }

        operation.Responses ??= [];
        foreach (var response in operation.Responses.Values.Where(r => r.Content is { Count: > 1 }))
        {
            // MVC lists every output formatter; the API only ever answers JSON.
            foreach (var other in response.Content!.Keys.Where(k => k != "application/json").ToList())
            {
                response.Content.Remove(other);
            }
        }
        foreach (var status in statuses.Distinct().Order())
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.ContainsKey(key))
            {
                continue;
            }
            var (type, contentType) = ErrorBody(family, status);
            var schema = await context.GetOrCreateSchemaAsync(type, cancellationToken: cancellationToken);
            operation.Responses[key] = new OpenApiResponse
            {
                Description = ReasonPhrases.GetReasonPhrase(status),
                Content = new Dictionary<string, OpenApiMediaType> { [contentType] = new() { Schema = schema } },
            };
        }
    }

    /// <summary>What each family answers when the thing to create exists already (e.g. setup completed).</summary>
    private static int AlreadyExistsStatus(ApiFamily family) => family switch
    {
        ApiFamily.Influx => StatusCodes.Status422UnprocessableEntity,
        ApiFamily.Infisical => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status409Conflict,
    };

    private static (Type Type, string ContentType) ErrorBody(ApiFamily family, int status) => family switch
    {
        ApiFamily.Native when status == StatusCodes.Status400BadRequest => (typeof(HttpValidationProblemDetails), "application/problem+json"),
        ApiFamily.Native => (typeof(ProblemDetails), "application/problem+json"),
        ApiFamily.Influx => (typeof(InfluxErrorBody), "application/json"),
        ApiFamily.Infisical => (typeof(InfisicalErrorBody), "application/json"),
        ApiFamily.Zitadel => (typeof(ZitadelErrorBody), "application/json"),
        _ => (typeof(OAuthErrorBody), "application/json"),
    };
}
