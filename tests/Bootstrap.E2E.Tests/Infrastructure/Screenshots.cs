using Microsoft.Playwright;

namespace Bootstrap.E2E.Tests.Infrastructure;

/// <summary>Saves screenshots for the docs when BOOTSTRAP_SCREENSHOTS names a folder; does nothing otherwise.</summary>
public static class Screenshots
{
    private static readonly string? Folder = Environment.GetEnvironmentVariable("BOOTSTRAP_SCREENSHOTS");

    public static async Task TakeAsync(IPage page, string name)
    {
        if (string.IsNullOrEmpty(Folder))
        {
            return;
        }
        Directory.CreateDirectory(Folder);
        // A full-page capture of a scrolled page draws the fixed app bar mid-page.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }
}
