using System.Net;
using System.Net.Sockets;
using System.Text;
using Bootstrap.Api.Common;
using Bootstrap.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bootstrap.Api.Tests.Security;

/// <summary>
/// Raw requests to the real process, because the Host header is exactly what an HTTP client
/// library (and the in-process test server) would refuse to send or would parse first.
/// </summary>
[Collection(AppProcess.Collection)]
public sealed class HostHeaderTests(ITestOutputHelper output)
{
    /// <summary>Refused by the app: Kestrel lets them through, <c>HttpRequest.Host</c> or <c>new Uri</c> would throw on them.</summary>
    private static readonly string[] MalformedHosts = ["xn--zz", "xn--zz:80", "a..b", ".example", "-a.example", "a.example:99999"];

    /// <summary>Refused by Kestrel itself, before the app.</summary>
    private static readonly string[] UnparsableHosts = ["bad host", "a/b", "[::1"];

    private static readonly (string Path, ApiFamily? Family)[] Paths =
    [
        ("/", null), ("/setup", null), ("/signin", null),
        ("/api/setup", ApiFamily.Native), ("/api/v2/setup", ApiFamily.Influx), ("/api/v1/admin/bootstrap", ApiFamily.Infisical),
        ("/system/v1/instances/_search", ApiFamily.Zitadel), ("/oauth/v2/token", ApiFamily.OAuth),
    ];

    [Fact]
    public async Task MalformedHost_ShouldBeA400InTheFamilyFormatWithoutAStackTrace()
    {
        using var folder = new TempFolder();
        await using var app = AppProcess.Start(AppProcess.Web, folder, output);
        await app.WaitUntilHealthyAsync();

        foreach (var host in MalformedHosts)
        {
            foreach (var (path, family) in Paths)
            {
                using var response = await RawGetAsync(app.BaseAddress, host, path);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Host: {host} GET {path} → {(int)response.StatusCode}");
                if (family is { } apiFamily)
                {
                    await response.AssertFamilyErrorAsync(apiFamily);
                }
            }
        }
        foreach (var host in UnparsableHosts)
        {
            foreach (var (path, _) in Paths)
            {
                using var response = await RawGetAsync(app.BaseAddress, host, path);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Host: {host} GET {path} → {(int)response.StatusCode}");
            }
        }

        Assert.DoesNotContain("Exception", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForeignHost_ShouldNeverBeEchoedInALocation()
    {
        using var folder = new TempFolder();
        await using var app = AppProcess.Start(AppProcess.Web, folder, output);
        await app.WaitUntilHealthyAsync();
        string[] hosts = ["evil.example", $"evil.example:{app.BaseAddress.Port}"];

        // Before setup: the cookie challenge on "/" and the wizard's redirect from "/signin" to "/setup".
        await AssertRedirectsStayHomeAsync(app, hosts, "/", "/signin");
        var onboarding = await app.Client.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding());
        Assert.Equal(HttpStatusCode.Created, onboarding.StatusCode);
        // After setup: the sign-in redirect of the overview.
        await AssertRedirectsStayHomeAsync(app, hosts, "/");
    }

    private static async Task AssertRedirectsStayHomeAsync(AppProcess app, string[] hosts, params string[] paths)
    {
        foreach (var host in hosts)
        {
            foreach (var path in paths)
            {
                using var response = await RawGetAsync(app.BaseAddress, host, path);
                var location = response.Headers.Location?.OriginalString;
                Assert.True(response.StatusCode == HttpStatusCode.Found && location is not null, $"Host: {host} GET {path} → {(int)response.StatusCode}");
                Assert.StartsWith("/", location, StringComparison.Ordinal);
                Assert.DoesNotContain("evil", location, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    /// <summary>An HTTP/1.0 GET written by hand, so that the server answers without chunking and closes the connection.</summary>
    private static async Task<HttpResponseMessage> RawGetAsync(Uri server, string host, string path)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var raw = await reader.ReadToEndAsync();

        var headerEnd = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = raw[..headerEnd].Split("\r\n");
        var response = new HttpResponseMessage((HttpStatusCode)int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(raw[(headerEnd + 4)..])),
        };
        foreach (var line in lines.Skip(1))
        {
            var (name, value) = (line[..line.IndexOf(':', StringComparison.Ordinal)], line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return response;
    }
}
