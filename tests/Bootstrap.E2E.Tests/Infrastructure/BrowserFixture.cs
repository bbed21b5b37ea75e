using Microsoft.Playwright;

namespace Bootstrap.E2E.Tests.Infrastructure;

/// <summary>One headless Debian Chromium for all browser tests (Playwright's own browser download is not used).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPathVariable = "BOOTSTRAP_CHROMIUM";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        // Setup hashes a password and generates an RSA key on a busy two-core machine: allow more than 5 s.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable(ChromiumPathVariable) ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    /// <param name="bypassContentSecurityPolicy">Only for injecting test tooling (axe) that the app's CSP rightly refuses.</param>
    /// <param name="through">A relay that makes this browser a remote peer of the app.</param>
    /// <param name="locale">The browser's language ("de-DE"): its Accept-Language and navigator.language. Chromium's own default otherwise (en-US).</param>
    public async Task<IPage> NewPageAsync(AppServer app, int width = 1280, int height = 800, bool bypassContentSecurityPolicy = false,
        RemotePeerRelay? through = null, string? timezoneId = null, string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (through?.BaseUrl ?? app.BaseUrl).ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BypassCSP = bypassContentSecurityPolicy,
            TimezoneId = timezoneId,
            Locale = locale,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>Browser tests run one at a time: the machine has two cores and each test starts its own server.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
