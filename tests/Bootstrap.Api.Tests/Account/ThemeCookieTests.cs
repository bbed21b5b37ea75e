using System.Text.RegularExpressions;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Web.Components.Layout;

namespace Bootstrap.Api.Tests.Account;

/// <summary>
/// The theme chosen in the app bar is a cookie the server reads, so the static pages (sign-in, password
/// change) render in it too, and interactive pages do not flash the other theme before the circuit starts.
/// </summary>
public sealed partial class ThemeCookieTests
{
    [Theory]
    [InlineData("/signin")]
    [InlineData("/signin/password?UserName=admin")]
    public async Task StaticPage_ShouldRenderTheThemeTheBrowserChose(string path)
    {
        await using var app = await BootstrapApiFactory.OnAsync(DatabaseProvider.Sqlite, SessionCookies.PagesCallTheTestServer, SessionCookies.PageSettings);
        await app.CompleteFirstRunAsync();

        var dark = await BackgroundAsync(app, path, "bootstrap-theme=dark");
        var light = await BackgroundAsync(app, path, "bootstrap-theme=light");
        var unchosen = await BackgroundAsync(app, path, null);
        var nonsense = await BackgroundAsync(app, path, "bootstrap-theme=%3Cscript%3E");

        Assert.Equal(BootstrapTheme.Theme.PaletteDark.Background.ToString(MudBlazor.Utilities.MudColorOutputFormats.RGBA), dark);
        Assert.Equal(BootstrapTheme.Theme.PaletteLight.Background.ToString(MudBlazor.Utilities.MudColorOutputFormats.RGBA), light);
        Assert.Equal(light, unchosen);
        Assert.Equal(light, nonsense);
    }

    private static async Task<string> BackgroundAsync(BootstrapApiFactory app, string path, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        var page = await (await app.CreateClient().SendAsync(request)).Content.ReadAsStringAsync();
        return PaletteBackground().Match(page).Groups[1].Value;
    }

    [GeneratedRegex(@"--mud-palette-background: ([^;]+);")]
    private static partial Regex PaletteBackground();
}
