using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Bootstrap.Api.Common;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Bootstrap.Web.Account;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Bootstrap.Api.Tests.Security;

/// <summary>Lockout, sign-in timing, security-stamp checks and the same-origin rule for cookie sessions.</summary>
public sealed class SessionTests(ITestOutputHelper output)
{
    private const string WrongPassword = "wrong-password-1";

    /// <summary>The sign-in rate limit would otherwise stop these tests before lockout does.</summary>
    private static readonly Dictionary<string, string?> GenerousSignIn = new(SessionCookies.PageSettings)
    {
        ["RateLimits:SignInPerMinute"] = "1000",
    };

    [Theory, OnSqlite, OnPostgres]
    public async Task SignIn_ShouldRefuseTheRightPasswordAfterTenFailuresForFifteenMinutes(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider, settings: GenerousSignIn);
        await app.CompleteFirstRunAsync();
        var client = app.CreateClient();
        var wrong = await client.SignInAsync("admin", WrongPassword);
        var wrongBody = await wrong.Content.ReadAsStringAsync();

        for (var attempt = 2; attempt <= 10; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync("admin", WrongPassword)).StatusCode);
        }
        var locked = await client.SignInAsync("admin", Requests.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(wrongBody, await locked.Content.ReadAsStringAsync());
        Assert.False(locked.Headers.Contains("Set-Cookie"));
        var admin = await app.QueryAsync(db => db.Users.SingleAsync(u => u.UserName == "admin"));
        Assert.InRange(admin.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        var audit = await app.QueryAsync(db => db.AuditEvents.Where(a => a.Action == "signin").OrderBy(a => a.Id).ToListAsync());
        Assert.Equal("locked out", audit[^1].Detail);
    }

    [Fact]
    public async Task SignInForm_ShouldAnswerALockedOutUserLikeAWrongPassword()
    {
        await using var app = new BootstrapApiFactory(SessionCookies.PagesCallTheTestServer, GenerousSignIn);
        await app.CompleteFirstRunAsync();
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        async Task<string?> SignInWithFormAsync(string password)
        {
            var antiforgery = await browser.AntiforgeryTokenAsync("/signin");
            var response = await browser.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [PageForms.AntiforgeryField] = antiforgery, ["UserName"] = "admin", ["Password"] = password,
            }));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return response.Headers.Location?.OriginalString;
        }

        var wrongAnswer = await SignInWithFormAsync(WrongPassword);
        for (var attempt = 2; attempt <= 10; attempt++)
        {
            await SignInWithFormAsync(WrongPassword);
        }
        var lockedAnswer = await SignInWithFormAsync(Requests.Password);

        Assert.Equal("/signin?error=invalid", wrongAnswer);
        Assert.Equal(wrongAnswer, lockedAnswer);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task UsersFromEveryDoor_ShouldBeSubjectToLockout(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider, settings: GenerousSignIn);
        var client = app.CreateClient();
        var setup = await (await client.PostJsonAsync("/api/setup", Requests.NativeSetup(withMachine: true))).ReadJsonAsync();
        var operatorToken = setup.GetProperty("operatorToken").GetString()!;
        var addedUser = await client.PostBearerAsync("/api/v2/setup/user", new Dictionary<string, object?>
        {
            ["username"] = "bob", ["password"] = "robs-password-2", ["org"] = "bobs-org", ["bucket"] = "bobs-bucket", ["retentionPeriodSeconds"] = 3600,
        }, operatorToken);
        Assert.Equal(HttpStatusCode.Created, addedUser.StatusCode);
        var instance = await client.PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance("second.test"));
        Assert.Equal(HttpStatusCode.OK, instance.StatusCode);
        var secondPat = (await instance.ReadJsonAsync()).GetProperty("pat").GetString()!;
        var org = await app.CreateClientFor("second.test").PostBearerAsync("/admin/v1/orgs/_setup", SetUpOrgBody("Team"), secondPat);
        Assert.Equal(HttpStatusCode.OK, org.StatusCode);

        var users = await app.QueryAsync(db => db.Users.IgnoreQueryFilters().ToListAsync());

        Assert.Equal(["admin", "bob", "ci-bot", "robot", "team-owner"], users.Select(u => u.UserName).Order());
        Assert.All(users, user => Assert.True(user.LockoutEnabled, user.UserName));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task UsersCreatedBeforeLockoutWasEnabled_ShouldBeLockedOutAfterTheMigration(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var before = new BootstrapApiFactory(settings: GenerousSignIn, database: database))
        {
            await before.CompleteFirstRunAsync();
        }
        await using (var db = database.NewContext())
        {
            // The rows as the previous release wrote them, and a history that has not seen the migration yet.
            await db.Users.IgnoreQueryFilters().ExecuteUpdateAsync(users => users.SetProperty(u => u.LockoutEnabled, false));
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" LIKE '%_EnableLockoutForEveryUser'""");
        }

        await using var after = new BootstrapApiFactory(settings: GenerousSignIn, database: database);
        var client = after.CreateClient();
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            await client.SignInAsync("admin", WrongPassword);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync("admin", Requests.Password)).StatusCode);
    }

    /// <summary>
    /// Without a hash for unknown users, their answer would cost a user lookup (about the no-hash baseline)
    /// while a wrong password costs a PBKDF2 verification: the ratio check fails by an order of magnitude.
    /// </summary>
    [Fact]
    public async Task SignIn_ShouldTakeAsLongForAnUnknownUserAsForAWrongPassword()
    {
        await using var app = new BootstrapApiFactory(settings: GenerousSignIn);
        await app.CompleteFirstRunAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var wrongPassword = new List<double>();
        var unknownUser = new List<double>();
        var noHash = new List<double>();

        async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> signIn, HttpStatusCode expected)
        {
            var stopwatch = Stopwatch.StartNew();
            var response = await signIn();
            stopwatch.Stop();
            Assert.Equal(expected, response.StatusCode);
            return stopwatch.Elapsed.TotalMilliseconds;
        }

        Task<HttpResponseMessage> MalformedSignIn()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/signin");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "not-base64!");
            return client.SendAsync(request);
        }

        for (var round = 0; round < 4; round++)
        {
            // Nine failures stay below the lockout, whose answer must not be what is measured; a success resets the count.
            for (var i = 0; i < 5; i++)
            {
                wrongPassword.Add(await TimeAsync(() => client.SignInAsync("admin", WrongPassword), HttpStatusCode.Unauthorized));
                unknownUser.Add(await TimeAsync(() => client.SignInAsync("nobody-by-this-name", WrongPassword), HttpStatusCode.Unauthorized));
                noHash.Add(await TimeAsync(MalformedSignIn, HttpStatusCode.Unauthorized));
            }
            await TimeAsync(() => client.SignInAsync("admin", Requests.Password), HttpStatusCode.NoContent);
        }

        // The first round warms up the JIT and the connection pool.
        var (wrong, unknown, baseline) = (Median(wrongPassword.Skip(5)), Median(unknownUser.Skip(5)), Median(noHash.Skip(5)));
        output.WriteLine($"median ms: wrong password {wrong:F1}, unknown user {unknown:F1}, no-hash baseline {baseline:F1}");
        Assert.InRange(unknown / wrong, 0.5, 2.0);
        Assert.True(unknown > 3 * baseline, $"unknown user {unknown:F1} ms is not clearly above the no-hash baseline {baseline:F1} ms");
        Assert.True(wrong > 3 * baseline, $"wrong password {wrong:F1} ms is not clearly above the no-hash baseline {baseline:F1} ms");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SessionCookie_ShouldStopWorkingOnceTheUsersSecurityStampChanges(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider, SessionCookies.PagesCallTheTestServer, GenerousSignIn);
        await app.CompleteFirstRunAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var cookie = await client.SignInForCookieAsync("admin", Requests.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(SessionCookies.WithCookie(HttpMethod.Get, "/api/v2/me", cookie))).StatusCode);
        var overview = await client.SendAsync(SessionCookies.WithCookie(HttpMethod.Get, "/", cookie));
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("signout-form", await overview.Content.ReadAsStringAsync());

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var circuit = Assert.IsType<StampRevalidatingAuthenticationStateProvider>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
        var circuitPrincipal = await scope.ServiceProvider.GetRequiredService<SignInManager<User>>().CreateUserPrincipalAsync((await users.FindByNameAsync("admin"))!);
        Assert.True(await circuit.IsCurrentAsync(circuitPrincipal, CancellationToken.None));

        Assert.True((await users.UpdateSecurityStampAsync((await users.FindByNameAsync("admin"))!)).Succeeded);

        Assert.False(await circuit.IsCurrentAsync(circuitPrincipal, CancellationToken.None));

        var api = await client.SendAsync(SessionCookies.WithCookie(HttpMethod.Get, "/api/v2/me", cookie));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        await api.AssertFamilyErrorAsync(ApiFamily.Influx);
        var page = await client.SendAsync(SessionCookies.WithCookie(HttpMethod.Get, "/", cookie));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("Origin", "https://attacker.example")]
    [InlineData("Origin", "null")]
    [InlineData("Origin", "http://localhost:8080")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task CookieAuthenticatedPost_ShouldBeRefusedFromAnotherOrigin(string header, string value)
    {
        await using var app = new BootstrapApiFactory(settings: GenerousSignIn);
        await app.CompleteFirstRunAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var cookie = await client.SignInForCookieAsync("admin", Requests.Password);

        var setUpOrg = SessionCookies.WithCookie(HttpMethod.Post, "/admin/v1/orgs/_setup", cookie, SetUpOrgBody("Forged"));
        setUpOrg.Headers.Add(header, value);
        var response = await client.SendAsync(setUpOrg);
        var signOut = SessionCookies.WithCookie(HttpMethod.Post, "/api/v2/signout", cookie);
        signOut.Headers.Add(header, value);
        var signedOut = await client.SendAsync(signOut);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await response.AssertFamilyErrorAsync(ApiFamily.Zitadel);
        Assert.Equal(0, await app.QueryAsync(db => db.Organizations.IgnoreQueryFilters().CountAsync(o => o.Name == "Forged")));
        Assert.Equal(HttpStatusCode.Forbidden, signedOut.StatusCode);
        await signedOut.AssertFamilyErrorAsync(ApiFamily.Influx);
        Assert.False(signedOut.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("Origin", "http://localhost")]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData(null, null)]
    public async Task CookieAuthenticatedPost_ShouldWorkFromTheAppsOwnOriginOrOutsideABrowser(string? header, string? value)
    {
        await using var app = new BootstrapApiFactory(settings: GenerousSignIn);
        await app.CompleteFirstRunAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var cookie = await client.SignInForCookieAsync("admin", Requests.Password);

        var setUpOrg = SessionCookies.WithCookie(HttpMethod.Post, "/admin/v1/orgs/_setup", cookie, SetUpOrgBody("Team"));
        if (header is not null)
        {
            setUpOrg.Headers.Add(header, value);
        }
        var response = await client.SendAsync(setUpOrg);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.Organizations.IgnoreQueryFilters().CountAsync(o => o.Name == "Team")));
    }

    [Fact]
    public async Task TokenAuthenticatedPost_ShouldNotBeSubjectToTheOriginRule()
    {
        await using var app = new BootstrapApiFactory(settings: GenerousSignIn);
        var operatorToken = await app.CompleteFirstRunAsync();
        var client = app.CreateClient();

        var withoutOrigin = await client.PostBearerAsync("/admin/v1/orgs/_setup", SetUpOrgBody("Scripted"), operatorToken);
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/orgs/_setup") { Content = JsonContent.Create(SetUpOrgBody("Elsewhere")) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", operatorToken);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        var fromAnotherSite = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, withoutOrigin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromAnotherSite.StatusCode);
    }

    private static object SetUpOrgBody(string org) => new
    {
        org = new { name = org },
        human = new
        {
            userName = $"{org.ToLowerInvariant()}-owner",
            profile = new { firstName = "Gigi", lastName = "Giraffe", preferredLanguage = "en" },
            email = new { email = $"owner@{org.ToLowerInvariant()}.test", isEmailVerified = true },
            password = ZitadelFixtures.StrongPassword,
        },
    };

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
