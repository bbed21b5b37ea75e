using Bootstrap.Domain.Entities;
using Bootstrap.Web.Localization;
using Bootstrap.Web.Overview;
using Bootstrap.Web.Setup;
using Bootstrap.Web.Shared;
using Bootstrap.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Bootstrap.Web.Tests.Overview;

public sealed class OverviewPolishTests : WizardTestContext
{
    [Theory]
    [InlineData(TokenKind.Operator, "Operator token (all access to every organization)")]
    [InlineData(TokenKind.AllAccess, "All-access token (one organization)")]
    [InlineData(TokenKind.PersonalAccessToken, "Machine user personal access token (Zitadel)")]
    [InlineData(TokenKind.IdentityToken, "Machine identity token (Infisical)")]
    [InlineData(TokenKind.AccessToken, "Access token from a JWT profile sign-in (Zitadel)")]
    public void TokenKindLabel_ShouldSayWhatTheKindMeans_WithTheStoredValueAsSecondaryText(TokenKind kind, string label)
    {
        var cut = Render<TokenKindLabel>(p => p.Add(c => c.Kind, kind));

        Assert.Equal(label, cut.Find("[data-testid=token-kind]").TextContent);
        Assert.Equal(kind.ToString(), cut.Find("[data-testid=token-kind-raw]").TextContent);
    }

    [Fact]
    public void RoleNames_ShouldBeWordsForTheOwnerRoles()
    {
        var text = Services.GetRequiredService<IStringLocalizer<Strings>>();
        Assert.Equal("Instance owner", ReadableNames.DescribeRole(text, Roles.IamOwner));
        Assert.Equal("Organization owner", ReadableNames.DescribeRole(text, Roles.OrgOwner));
        Assert.Equal("CUSTOM_ROLE", ReadableNames.DescribeRole(text, "CUSTOM_ROLE"));
    }

    [Fact]
    public void AlreadySetUp_ShouldLinkToTheOverview_WhenSignedIn()
    {
        AddAuthorization().SetAuthorized("admin");

        var cut = Render<AlreadySetUp>();

        Assert.Contains("already set up", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("./", cut.Find("[data-testid=already-set-up-overview]").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=already-set-up-signin]"));
        Assert.DoesNotContain("Sign in", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void AlreadySetUp_ShouldLinkToSignIn_WhenNotSignedIn()
    {
        AddAuthorization().SetNotAuthorized();

        var cut = Render<AlreadySetUp>();

        Assert.Equal("signin", cut.Find("[data-testid=already-set-up-signin]").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=already-set-up-overview]"));
    }

    [Fact]
    public void NextStepsPanel_ShouldFillInThisServer_AndNeverASecret()
    {
        var cut = Render<NextStepsPanel>(p => p
            .Add(c => c.Origin, "https://setup.example.com/")
            .Add(c => c.Organization, "Acme Corp")
            .Add(c => c.Bucket, "telemetry")
            .Add(c => c.TokensAnchor, "tokens-heading"));

        Assert.Equal(
            "influx config create --config-name bootstrap --host-url https://setup.example.com --org 'Acme Corp' --token \"$INFLUX_TOKEN\" --active\n" +
            "influx bucket list --name telemetry",
            cut.Find("[data-testid=next-step-influx-command-value]").TextContent);
        Assert.Equal("dotnet Bootstrap.Web.dll backup --to bootstrap-$(date +%F).tar", cut.Find("[data-testid=next-step-backup-command-value]").TextContent);
        Assert.Equal("#tokens-heading", cut.Find("[data-testid=next-step-token-link]").GetAttribute("href"));
        Assert.Contains("https://setup.example.com/oauth/v2/token", cut.Find("[data-testid=next-step-zitadel]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=next-step-zitadel] a[href='https://zitadel.com/docs/guides/integrate/service-users/private-key-jwt']"));
        Assert.Equal(2, cut.FindAll("[data-testid=next-steps] button[data-testid$=-copy]").Count);
    }

    [Fact]
    public async Task BrowserTimeZone_ShouldAskTheBrowserOnce_AndFormatTimesInItsZone()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
        var asked = JSInterop.Setup<string?>("bootstrapUi.timeZone").SetResult("Europe/Berlin");
        var timeZones = new BrowserTimeZone(Services.GetRequiredService<Microsoft.JSInterop.IJSRuntime>());

        var zone = await timeZones.ResolveAsync();
        await timeZones.ResolveAsync();

        Assert.Equal("Europe/Berlin", zone.Label);
        Assert.Equal("2026-01-15 13:00", zone.Format(new DateTime(2026, 1, 15, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("2026-07-15 14:00", zone.Format(new DateTime(2026, 7, 15, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Single(asked.Invocations);
    }

    [Fact]
    public async Task BrowserTimeZone_ShouldStayInLabelledUtc_WhenTheBrowserNamesAnUnknownZone()
    {
        JSInterop.Setup<string?>("bootstrapUi.timeZone").SetResult("Mars/Olympus_Mons");
        var timeZones = new BrowserTimeZone(Services.GetRequiredService<Microsoft.JSInterop.IJSRuntime>());

        var zone = await timeZones.ResolveAsync();

        Assert.Equal("UTC", zone.Label);
        Assert.Equal("2026-01-15 12:00", zone.Format(new DateTime(2026, 1, 15, 12, 0, 0, DateTimeKind.Utc)));
    }
}
