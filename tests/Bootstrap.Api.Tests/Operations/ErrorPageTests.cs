using System.Net;
using Bootstrap.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace Bootstrap.Api.Tests.Operations;

/// <summary>What a browser sees when a page fails: the friendly error page, never the exception.</summary>
public sealed class ErrorPageTests
{
    private const string ExceptionDetail = "connection string Host=db;Password=leaked";

    [Fact]
    public async Task FailingPage_ShouldAnswer500WithTheErrorPageAndARequestId()
    {
        // Every page's layout asks the API for the setup status first; that call failing is a page failing.
        await using var app = new BootstrapApiFactory(
            services => services.ConfigureAll<HttpClientFactoryOptions>(options =>
                options.HttpMessageHandlerBuilderActions.Add(handler => handler.PrimaryHandler = new FailingHandler())),
            SessionCookies.PageSettings);

        var response = await app.CreateClient().GetAsync("/signin");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Something went wrong", page, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"request-id\">[^<]+</code>", page);
        Assert.DoesNotContain(ExceptionDetail, page, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), page, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(FailingHandler), page, StringComparison.Ordinal);
    }

    private sealed class FailingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(ExceptionDetail);
    }
}
