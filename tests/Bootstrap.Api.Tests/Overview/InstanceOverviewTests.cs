using System.Net;
using Bootstrap.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bootstrap.Api.Tests.Overview;

/// <summary>The overview shows the instance the page's host is routed to, to that instance's owners only.</summary>
public sealed class InstanceOverviewTests
{
    private const string SecondHost = "second.test";

    private static readonly Dictionary<string, string?> GenerousSignIn = new(SessionCookies.PageSettings)
    {
        ["RateLimits:SignInPerMinute"] = "1000",
    };

    [Theory, OnSqlite, OnPostgres]
    public async Task Overview_ShouldShowTheInstanceOfTheHostItIsServedOn(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider, SessionCookies.PagesCallTheTestServer, GenerousSignIn);
        await app.CompleteFirstRunAsync();
        var created = await app.CreateClient().PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance(SecondHost, human: true, machine: false));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var first = PageClient(app, "localhost");
        var second = PageClient(app, SecondHost);

        var secondCookie = await second.SignInForCookieAsync("owner", ZitadelFixtures.StrongPassword);
        var secondPage = await ReadPageAsync(second, secondCookie);
        Assert.Contains("owner@second.test", secondPage);
        Assert.Contains(">Second<", secondPage);
        Assert.DoesNotContain("acme", secondPage);
        Assert.DoesNotContain("admin", secondPage);

        var firstCookie = await first.SignInForCookieAsync("admin", Requests.Password);
        var firstPage = await ReadPageAsync(first, firstCookie);
        Assert.Contains("acme", firstPage);
        Assert.DoesNotContain("owner@second.test", firstPage);
        Assert.DoesNotContain(">Second<", firstPage);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task OwnerOfAnotherInstance_ShouldNeitherSignInNorSeeTheOverviewOnThisHost(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider, SessionCookies.PagesCallTheTestServer, GenerousSignIn);
        await app.CompleteFirstRunAsync();
        Assert.Equal(HttpStatusCode.OK,
            (await app.CreateClient().PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance(SecondHost, human: true, machine: false))).StatusCode);
        var first = PageClient(app, "localhost");
        var second = PageClient(app, SecondHost);

        Assert.Equal(HttpStatusCode.Unauthorized, (await first.SignInAsync("owner", ZitadelFixtures.StrongPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.SignInAsync("admin", Requests.Password)).StatusCode);

        // A browser sends a cookie only to its own host; replayed by hand elsewhere it is no session there.
        var secondCookie = await second.SignInForCookieAsync("owner", ZitadelFixtures.StrongPassword);
        var replayed = await first.SendAsync(SessionCookies.WithCookie(HttpMethod.Get, "/", secondCookie));
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/signin", replayed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.SendAsync(SessionCookies.WithCookie(HttpMethod.Get, "/api/v2/me", secondCookie))).StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Overview_ShouldShowWhatZitadelsRequestsStored(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider, SessionCookies.PagesCallTheTestServer, GenerousSignIn);
        await app.CompleteFirstRunAsync();
        var body = ZitadelFixtures.CreateInstance(SecondHost, human: true, machine: false);
        body["defaultLanguage"] = "de";
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostSystemAsync("/system/v1/instances/_create", body)).StatusCode);
        var second = PageClient(app, SecondHost);
        // The owner is a oneof, so the human owner is the instance's only owner: its own session sets up the org.
        var ownerCookie = await second.SignInForCookieAsync("owner", ZitadelFixtures.StrongPassword);
        var setUpRequest = SessionCookies.WithCookie(HttpMethod.Post, "/admin/v1/orgs/_setup", ownerCookie, new
        {
            org = new { name = "Team", domain = "team.test" },
            human = new
            {
                userName = "gigi-giraffe",
                profile = new { firstName = "Gigi", lastName = "Giraffe", nickName = "Gigi G.", displayName = "Gigi the Giraffe", preferredLanguage = "fr", gender = "GENDER_DIVERSE" },
                email = new { email = "gigi@team.test" },
                phone = new { phone = "+41710000000", isPhoneVerified = true },
                password = ZitadelFixtures.StrongPassword,
            },
        });
        setUpRequest.Headers.Add("Origin", $"http://{SecondHost}");
        var setUp = await second.SendAsync(setUpRequest);
        Assert.Equal(HttpStatusCode.OK, setUp.StatusCode);

        var page = await ReadPageAsync(second, ownerCookie);

        Assert.Contains("<dd data-testid=\"instance-default-language\">de</dd>", page);
        Assert.Contains("<td translate=\"no\">team.test</td>", page);
        foreach (var stored in new[] { "Gigi the Giraffe", "Gigi G.", "Diverse", "<dd>fr</dd>", "41710000000 (verified)" })
        {
            Assert.Contains(stored, page);
        }
    }

    private static HttpClient PageClient(BootstrapApiFactory app, string host) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{host}"), HandleCookies = false, AllowAutoRedirect = false });

    private static async Task<string> ReadPageAsync(HttpClient client, string cookie)
    {
        var page = await client.SendAsync(SessionCookies.WithCookie(HttpMethod.Get, "/", cookie));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"users\"", html);
        return html;
    }
}
