using System.Diagnostics;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bootstrap.E2E.Tests.Pages;

/// <summary>The first-run wizard at <c>/setup</c>.</summary>
public sealed class SetupWizardPage(IPage page)
{
    public const string Password = "correct-horse-9";

    public ILocator Wizard => page.Locator(".setup-wizard");

    public ILocator Heading => page.Locator("[data-testid=step-heading]");

    public ILocator Problems => page.Locator("[data-testid=wizard-problems]");

    public ILocator AlreadySetUp => page.Locator("[data-testid=already-set-up]");

    /// <summary>"Step N of M — title": the stepper's label on narrow screens.</summary>
    public ILocator StepProgress => page.Locator("[data-testid=step-progress]");

    /// <summary>The stepper's button for the step shown.</summary>
    public ILocator CurrentStepButton => page.Locator(".wizard-nav .mud-step.active");

    public static string Input(string testId) => $"input[data-testid='{testId}']";

    public static string Button(string testId) => $"button[data-testid='{testId}']";

    public ILocator Field(string testId) => page.Locator(Input(testId));

    /// <returns>How long the page took until the wizard was interactive.</returns>
    public async Task<TimeSpan> OpenAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        await page.GotoAsync("setup");
        await WaitUntilInteractiveAsync();
        return stopwatch.Elapsed;
    }

    /// <summary>The prerendered page is visible before the circuit connects; typing before then would be lost.</summary>
    public Task WaitUntilInteractiveAsync() => page.Locator(".setup-wizard[data-interactive=true]").WaitForAsync();

    public Task ExpectStepAsync(string step) => Expect(Wizard).ToHaveAttributeAsync("data-step", step);

    /// <summary>The step heading has focus once a step appears, so keyboard users start at the top of it.</summary>
    public async Task ExpectFocusOnHeadingAsync(string heading)
    {
        await Expect(Heading).ToHaveTextAsync(heading);
        await Expect(Heading).ToBeFocusedAsync();
    }

    // Keyboard only.

    public async Task PressNextAsync(string expectedStep)
    {
        await page.TabAndPressAsync(Button("wizard-next"), "Enter");
        await ExpectStepAsync(expectedStep);
    }

    public async Task CompleteWithKeyboardAsync(Func<string, Task> atEachStep)
    {
        await ExpectFocusOnHeadingAsync("Organization");
        await atEachStep("organization");
        await page.TabAndTypeAsync(Input("organization"), "Acme Corp");
        await PressNextAsync("Admin");

        await ExpectFocusOnHeadingAsync("Admin user");
        await page.TabAndTypeAsync(Input("admin-username"), "admin");
        await page.TabAndTypeAsync(Input("admin-email"), "admin@acme.test");
        await page.TabAndTypeAsync(Input("admin-password"), Password);
        await page.TabAndTypeAsync(Input("admin-password-confirm"), Password);
        await atEachStep("admin");
        await PressNextAsync("Bucket");

        await ExpectFocusOnHeadingAsync("Bucket and retention");
        await page.TabAndTypeAsync(Input("bucket-name"), "telemetry");
        await page.TabToAsync("input[name=retention]");
        await page.ArrowToAsync(Input("retention-604800"), "ArrowUp");
        await Expect(page.Locator("[data-testid=retention-summary]")).ToContainTextAsync("7 days");
        await atEachStep("bucket");
        await PressNextAsync("Machine");

        await ExpectFocusOnHeadingAsync("Machine user");
        await page.TabAndPressAsync(Input("machine-enabled"), "Space");
        await page.TabAndTypeAsync(Input("machine-username"), "ci-bot");
        await page.TabAndTypeAsync(Input("machine-name"), "CI robot");
        await page.TabAndPressAsync(Input("machine-key"), "Space");
        await atEachStep("machine");
        await PressNextAsync("Review");

        await ExpectFocusOnHeadingAsync("Review");
        await Expect(page.Locator("[data-testid=review]")).ToContainTextAsync("ci-bot (CI robot)");
        await atEachStep("review");
    }

    /// <returns>Time from pressing "Create instance" until the done step shows.</returns>
    public async Task<TimeSpan> PressCreateAsync()
    {
        await page.TabToAsync(Button("wizard-create"));
        var stopwatch = Stopwatch.StartNew();
        await page.Keyboard.PressAsync("Enter");
        await ExpectStepAsync("Done");
        await Heading.WaitForAsync();
        return stopwatch.Elapsed;
    }

    public async Task ConfirmSavedAndContinueWithKeyboardAsync()
    {
        await page.TabAndPressAsync(Input("saved-confirmation"), "Space");
        // The button is enabled by the server's next render; on a busy machine Tab would otherwise run past it.
        await Expect(page.Locator(Button("continue-to-signin"))).ToBeEnabledAsync();
        await page.TabAndPressAsync(Button("continue-to-signin"), "Enter");
        await page.WaitForURLAsync("**/signin", new() { Timeout = 30_000 });
    }

    // Quicker pointer-and-fill path, for tests about something else than the keyboard.

    public async Task FillAsync(string testId, string value) => await Field(testId).FillAsync(value);

    public async Task ClickNextAsync(string expectedStep)
    {
        await page.Locator(Button("wizard-next")).ClickAsync();
        await ExpectStepAsync(expectedStep);
    }

    /// <param name="atEachStep">Called with the step's name once its fields are filled, before moving on.</param>
    public async Task FillEverythingAsync(SetupValues values, Func<string, Task>? atEachStep = null)
    {
        atEachStep ??= _ => Task.CompletedTask;
        await FillAsync("organization", values.Organization);
        await atEachStep("organization");
        await ClickNextAsync("Admin");
        await FillAsync("admin-username", values.AdminUserName);
        await FillAsync("admin-email", values.AdminEmail);
        await FillAsync("admin-password", values.Password);
        await FillAsync("admin-password-confirm", values.Password);
        await atEachStep("admin");
        await ClickNextAsync("Bucket");
        await FillAsync("bucket-name", values.Bucket);
        await Field($"retention-{values.RetentionSeconds}").CheckAsync();
        await atEachStep("bucket");
        await ClickNextAsync("Machine");
        if (values.MachineUserName is not null)
        {
            await Field("machine-enabled").CheckAsync();
            await FillAsync("machine-username", values.MachineUserName);
            await FillAsync("machine-name", values.MachineName!);
            if (values.MachineKey)
            {
                await Field("machine-key").CheckAsync();
            }
        }
        await atEachStep("machine");
        await ClickNextAsync("Review");
        await atEachStep("review");
    }

    public async Task ClickCreateAsync()
    {
        await page.Locator(Button("wizard-create")).ClickAsync();
        await ExpectStepAsync("Done");
    }

    public Task<string> SecretAsync(string testId) => page.Locator($"[data-testid={testId}-value]").InnerTextAsync();
}

/// <summary>One set of first-run answers, typed into the wizard or sent headlessly.</summary>
public sealed record SetupValues(
    string Organization = "Acme Corp",
    string AdminUserName = "admin",
    string AdminEmail = "admin@acme.test",
    string Password = SetupWizardPage.Password,
    string Bucket = "telemetry",
    long RetentionSeconds = 30 * 86400,
    string? MachineUserName = "ci-bot",
    string? MachineName = "CI robot",
    bool MachineKey = true)
{
    /// <summary>The names and addresses typed, as pages show them back.</summary>
    public IEnumerable<string> StoredNames() =>
        new[] { Organization, AdminUserName, AdminEmail, Bucket, MachineUserName, MachineName }.OfType<string>();

    public object ToNativeRequest() => new
    {
        organization = Organization,
        admin = new { userName = AdminUserName, email = AdminEmail, password = Password },
        bucket = new { name = Bucket, retentionSeconds = RetentionSeconds },
        machine = MachineUserName is null ? null : new { userName = MachineUserName, name = MachineName, machineKey = MachineKey },
    };
}
