using System.Diagnostics;
using System.Text.Json;
using Bootstrap.E2E.Tests.Infrastructure;
using Bootstrap.E2E.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bootstrap.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class DoneStepPageTests(BrowserFixture browser)
{
    private static readonly string AxeScript = Path.Combine(AppContext.BaseDirectory, "axe.min.js");

    [Fact]
    public async Task DoneStep_ShouldPassColorContrastInBothThemes_AndOfferACurlCommandThatWorksAsCopied()
    {
        Assert.True(File.Exists(AxeScript), $"{AxeScript} is missing: run `npm ci --prefix tests/Bootstrap.E2E.Tests` (./test.sh does).");
        await using var app = await AppServer.StartAsync();
        var page = await browser.NewPageAsync(app, bypassContentSecurityPolicy: true);
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var wizard = new SetupWizardPage(page);
        await wizard.OpenAsync();
        var values = new SetupValues(Organization: "Acme \"Q\" Inc's");
        await wizard.FillEverythingAsync(values);
        await wizard.ClickCreateAsync();
        await Expect(page.Locator("[data-testid=wizard-intro]")).ToContainTextAsync("The instance is created.");

        var findings = new List<string>();
        findings.AddRange(await ContrastViolationsAsync(page, "light"));
        await page.Locator("[data-testid=dark-mode-toggle]").ClickAsync();
        await Expect(page.Locator("[data-testid=dark-mode-toggle]")).ToHaveAttributeAsync("aria-pressed", "true");
        findings.AddRange(await ContrastViolationsAsync(page, "dark"));
        Assert.True(findings.Count == 0, string.Join("\n", findings));

        await page.Locator("button[data-testid=command-bucket-query-copy]").ClickAsync();
        await Expect(page.Locator("[data-testid=command-bucket-query] [role=status]")).ToHaveTextAsync("Command copied.");
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        var (exitCode, body) = await RunInBashAsync(copied);

        Assert.Equal(0, exitCode);
        using var buckets = JsonDocument.Parse(body);
        var bucket = Assert.Single(buckets.RootElement.GetProperty("buckets").EnumerateArray());
        Assert.Equal(values.Bucket, bucket.GetProperty("name").GetString());

        var influxConfig = await page.Locator("[data-testid=command-influx-config-value]").InnerTextAsync();
        var (_, arguments) = await RunInBashAsync($"influx() {{ printf '%s\\n' \"$@\"; }}; {influxConfig}");
        var lines = arguments.Split('\n');
        Assert.Equal(values.Organization, lines[Array.IndexOf(lines, "--org") + 1]);
        Assert.Equal(app.BaseUrl.GetLeftPart(UriPartial.Authority), lines[Array.IndexOf(lines, "--host-url") + 1]);
    }

    private static async Task<IEnumerable<string>> ContrastViolationsAsync(IPage page, string theme)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        }
        // Colours measured mid-transition (right after switching theme) are neither the old nor the new ones.
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
        var json = await page.EvaluateAsync<string>("""
            async () => {
                const result = await axe.run(document, { runOnly: ['color-contrast'] });
                return JSON.stringify(result.violations.flatMap(v => v.nodes.map(n => n.html.slice(0, 120) + ' ' + n.any.map(a => a.message).join(' '))));
            }
            """);
        using var nodes = JsonDocument.Parse(json);
        return nodes.RootElement.EnumerateArray().Select(node => $"[{theme}] color-contrast: {node.GetString()}").ToList();
    }

    private static async Task<(int ExitCode, string Output)> RunInBashAsync(string script)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, ArgumentList = { "-c", script } };
        using var bash = Process.Start(start)!;
        var output = await bash.StandardOutput.ReadToEndAsync();
        await bash.WaitForExitAsync();
        return (bash.ExitCode, output);
    }
}
