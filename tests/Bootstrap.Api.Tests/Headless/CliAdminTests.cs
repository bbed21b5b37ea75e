using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Tests.Headless;

/// <summary>The offline maintenance verbs, run as the real executable.</summary>
public sealed class CliAdminTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task RecoverAdmin_ShouldSetANewPasswordThatSignsInAndAuditIt()
    {
        using var cli = new CliWorkspace();
        const string newPassword = "a-brand-new-passphrase";

        var tooEarly = await cli.RunWithStdinAsync(newPassword, "recover-admin", "--password-stdin");
        Assert.Equal(7, tooEarly.ExitCode);
        Assert.Contains("not been completed", tooEarly.Stderr);

        await cli.SetUpOfflineAsync();
        var noTerminal = await cli.RunAsync("recover-admin");
        Assert.Equal(64, noTerminal.ExitCode);
        Assert.Contains("standard input is not a terminal", noTerminal.Stderr);
        var weak = await cli.RunWithStdinAsync("short", "recover-admin", "--password-stdin");
        Assert.Equal(3, weak.ExitCode);
        Assert.Contains("between 8 and 72", weak.Stderr);
        var unprintable = await cli.RunWithStdinAsync("a-passphrase\twith-a-tab", "recover-admin", "--password-stdin");
        Assert.Equal(3, unprintable.ExitCode);
        Assert.Contains("control characters", unprintable.Stderr);
        var unknown = await cli.RunWithStdinAsync(newPassword, "recover-admin", "--password-stdin", "--username", "nobody");
        Assert.Equal(7, unknown.ExitCode);

        var recovered = await cli.RunWithStdinAsync(newPassword + "\n", "recover-admin", "--password-stdin", "--username", "ADMIN");
        Assert.True(recovered.ExitCode == 0, recovered.ToString());
        Assert.Contains("Admin 'admin' recovered", recovered.Stdout);

        await using var app = cli.App();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NoContent, (await client.SignInAsync("admin", newPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync("admin", Requests.Password)).StatusCode);
        var audit = await app.QueryAsync(db => db.AuditEvents.IgnoreQueryFilters().SingleAsync(a => a.Action == "admin.recovered"));
        Assert.Equal(SetupChannel.Cli, audit.Channel);
        Assert.Equal("admin", audit.Subject);
    }

    [Fact]
    public async Task RecoverAdmin_ShouldEndTheAdminsExistingSessionsAtOnce()
    {
        using var cli = new CliWorkspace();
        await cli.SetUpOfflineAsync();
        await using var app = new BootstrapApiFactory(SessionCookies.PagesCallTheTestServer, SessionCookies.PageSettings, databasePath: cli.DatabasePath);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var cookie = await client.SignInForCookieAsync("admin", Requests.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(SessionCookies.WithCookie(HttpMethod.Get, "/api/v2/me", cookie))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(SessionCookies.WithCookie(HttpMethod.Get, "/", cookie))).StatusCode);

        var recovered = await cli.RunWithStdinAsync("a-brand-new-passphrase", "recover-admin", "--password-stdin");
        Assert.True(recovered.ExitCode == 0, recovered.ToString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(SessionCookies.WithCookie(HttpMethod.Get, "/api/v2/me", cookie))).StatusCode);
        var page = await client.SendAsync(SessionCookies.WithCookie(HttpMethod.Get, "/", cookie));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task RotateToken_ShouldRevokeTheOldTokenAndWriteANewOneWithMode0600()
    {
        using var cli = new CliWorkspace();
        var tooEarly = await cli.RunAsync("rotate-token", "--token-out", cli.File("rotated"));
        Assert.Equal(7, tooEarly.ExitCode);
        Assert.False(File.Exists(cli.File("rotated")));

        await cli.SetUpOfflineAsync();
        var oldToken = await File.ReadAllTextAsync(cli.File("operator"));

        var rotated = await cli.RunAsync("rotate-token", "--token-out", cli.File("rotated"), "--json");

        Assert.True(rotated.ExitCode == 0, rotated.ToString());
        var body = JsonDocument.Parse(rotated.Stdout).RootElement;
        Assert.Equal(1, body.GetProperty("revoked").GetInt32());
        Assert.Equal("admin", body.GetProperty("userName").GetString());
        Assert.Equal(OwnerReadWrite, TempFolder.ModeOf(cli.File("rotated")));
        var newToken = await File.ReadAllTextAsync(cli.File("rotated"));
        Assert.NotEqual(oldToken, newToken);
        Assert.DoesNotContain(newToken, rotated.Stdout + rotated.Stderr);

        await using var app = cli.App();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithTokenAsync("/api/v2/me", oldToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/me", newToken)).StatusCode);
        var tokens = await app.QueryAsync(db => db.ApiTokens.IgnoreQueryFilters().Where(t => t.Kind == TokenKind.Operator).ToListAsync());
        Assert.Equal(2, tokens.Count);
        Assert.Single(tokens, t => t.RevokedAt is null);
        Assert.Equal(SetupChannel.Cli, (await app.QueryAsync(db => db.AuditEvents.IgnoreQueryFilters().SingleAsync(a => a.Action == "operator-token.rotated"))).Channel);
    }
}
