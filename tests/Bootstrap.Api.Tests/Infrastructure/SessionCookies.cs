using System.Net;
using System.Net.Http.Json;
using Bootstrap.Web.Setup;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.Tests.Infrastructure;

/// <summary>A browser's session cookie, replayed by hand so that a test decides exactly which cookie each request carries.</summary>
public static class SessionCookies
{
    /// <summary>The settings a page needs under the test server: an address for its API client (see <see cref="PagesCallTheTestServer"/>).</summary>
    public static readonly IReadOnlyDictionary<string, string?> PageSettings = new Dictionary<string, string?>
    {
        ["SystemApi:Token"] = BootstrapApiFactory.SystemToken,
        ["Api:BaseUrl"] = "http://localhost",
    };

    /// <summary>The pages reach the API over HTTP; the test server has no socket, so they get its in-memory handler.</summary>
    public static void PagesCallTheTestServer(IServiceCollection services) =>
        services.AddHttpClient<SetupApiClient>()
            .ConfigurePrimaryHttpMessageHandler(provider => ((TestServer)provider.GetRequiredService<IServer>()).CreateHandler());

    /// <summary>Signs in with HTTP Basic and returns the <c>bootstrap-session=…</c> pair for a Cookie header.</summary>
    public static async Task<string> SignInForCookieAsync(this HttpClient client, string userName, string password)
    {
        var signedIn = await client.SignInAsync(userName, password);
        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        return signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bootstrap-session=", StringComparison.Ordinal)).Split(';')[0];
    }

    public static HttpRequestMessage WithCookie(HttpMethod method, string path, string cookie, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Cookie", cookie);
        return request;
    }
}
