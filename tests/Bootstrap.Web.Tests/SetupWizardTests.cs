using System.Net;
using System.Text.Json;
using Bootstrap.Api.Security.Callers;
using Bootstrap.Domain.Entities;
using Bootstrap.Web.Setup;
using Bootstrap.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Bootstrap.Web.Tests;

public sealed class SetupWizardTests : WizardTestContext
{
    private WizardDriver RenderWizard()
    {
        var wizard = new WizardDriver(Render<SetupWizard>());
        wizard.WaitUntilReady();
        return wizard;
    }

    /// <summary>The browser the API will attribute a sent request to, read back as the API reads it.</summary>
    private Caller ReadRelay(ScriptedSetupApi.RecordedRequest sent)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[WizardRelay.HeaderName] = sent.Headers[WizardRelay.HeaderName];
        Assert.True(Relay.TryRead(context, out var browser));
        return browser;
    }

    [Fact]
    public void SetupWizard_ShouldStartAtTheOrganization_ForALocalBrowser()
    {
        var wizard = RenderWizard();

        Assert.Equal(nameof(WizardStep.Organization), wizard.Step);
        Assert.Empty(wizard.Component.FindAll("input[data-testid=claim-code]"));
    }

    [Fact]
    public void SetupWizard_ShouldStayOnTheStepAndAnnounceTheProblems_WhenTheStepIsInvalid()
    {
        var wizard = RenderWizard();

        wizard.Next();

        wizard.Component.WaitForAssertion(() => Assert.Contains("Organization name is required.", wizard.Problems));
        Assert.Equal(nameof(WizardStep.Organization), wizard.Step);
        Assert.Equal("assertive", wizard.Component.Find("[data-testid=wizard-problems]").GetAttribute("aria-live"));
        Assert.Contains("Organization name is required.", wizard.Component.FieldText("organization"));
        JSInterop.VerifyInvoke("bootstrapUi.focusFirstInvalid");
    }

    [Fact]
    public void SetupWizard_ShouldMoveFocusToTheNextStepsHeading()
    {
        var wizard = RenderWizard();
        var focusCallsBefore = JSInterop.Invocations.Count(i => i.Identifier == "Blazor._internal.domWrapper.focus");

        wizard.CompleteOrganization();

        Assert.Equal("Admin user", wizard.Component.Find("[data-testid=step-heading]").TextContent);
        Assert.True(JSInterop.Invocations.Count(i => i.Identifier == "Blazor._internal.domWrapper.focus") > focusCallsBefore);
    }

    [Fact]
    public void SetupWizard_ShouldSendOneRequestWithEverythingTyped_AndTheWizardChannel()
    {
        var wizard = RenderWizard();
        wizard.FillEverything(withMachine: true);

        wizard.Create();

        wizard.WaitForStep(WizardStep.Done);
        var sent = Assert.Single(Api.SetupRequests);
        Assert.Equal(new Caller(System.Net.IPAddress.Loopback, IsDirectLoopback: true, SetupChannel.Wizard), ReadRelay(sent));
        Assert.False(sent.Headers.ContainsKey(SetupApiClient.ClaimTokenHeader));
        using var body = JsonDocument.Parse(sent.Body);
        var root = body.RootElement;
        Assert.Equal("Acme Corp", root.GetProperty("organization").GetString());
        Assert.Equal("admin", root.GetProperty("admin").GetProperty("userName").GetString());
        Assert.Equal(WizardDriver.Password, root.GetProperty("admin").GetProperty("password").GetString());
        Assert.Equal("telemetry", root.GetProperty("bucket").GetProperty("name").GetString());
        Assert.Equal(604800, root.GetProperty("bucket").GetProperty("retentionSeconds").GetInt64());
        Assert.Equal("ci-bot", root.GetProperty("machine").GetProperty("userName").GetString());
        Assert.True(root.GetProperty("machine").GetProperty("machineKey").GetBoolean());
    }

    [Fact]
    public void SetupWizard_ShouldAskARemoteBrowserForTheClaimCode_AndForwardIt()
    {
        Client.IsDirectLoopback = false;
        Client.NeedsClaimToken = true;
        Client.RemoteAddress = "203.0.113.7";
        var wizard = RenderWizard();
        Assert.Equal(nameof(WizardStep.Claim), wizard.Step);

        wizard.Next();
        wizard.Component.WaitForAssertion(() => Assert.Contains("Enter the setup code.", wizard.Problems));
        wizard.Type("claim-code", "  claim-secret-123 ").Next();
        wizard.WaitForStep(WizardStep.Organization);
        wizard.FillEverything();
        wizard.Create();

        wizard.WaitForStep(WizardStep.Done);
        var checkedCode = Assert.Single(Api.SetupCodeChecks);
        Assert.Equal("claim-secret-123", checkedCode.Headers[SetupApiClient.ClaimTokenHeader]);
        Assert.Equal(new Caller(System.Net.IPAddress.Parse("203.0.113.7"), IsDirectLoopback: false, SetupChannel.Wizard), ReadRelay(checkedCode));
        var sent = Assert.Single(Api.SetupRequests);
        Assert.Equal("claim-secret-123", sent.Headers[SetupApiClient.ClaimTokenHeader]);
        Assert.False(sent.Headers.ContainsKey("X-Forwarded-For"));
        Assert.Equal(new Caller(System.Net.IPAddress.Parse("203.0.113.7"), IsDirectLoopback: false, SetupChannel.Wizard), ReadRelay(sent));
    }

    [Fact]
    public void SetupWizard_ShouldAskALocalBrowserForTheClaimCode_WhenTheServerRequiresIt()
    {
        Client.NeedsClaimToken = true;

        var wizard = RenderWizard();

        Assert.Equal(nameof(WizardStep.Claim), wizard.Step);
    }

    [Fact]
    public void SetupWizard_ShouldNotAskARemoteBrowserForTheClaimCode_WhenTheServerExemptsIt()
    {
        Client.IsDirectLoopback = false;
        Client.RemoteAddress = "203.0.113.7";

        var wizard = RenderWizard();

        Assert.Equal(nameof(WizardStep.Organization), wizard.Step);
    }

    [Fact]
    public void SetupWizard_ShouldReturnToTheClaimStep_WhenTheServerRejectsTheCode()
    {
        Client.IsDirectLoopback = false;
        Client.NeedsClaimToken = true;
        Client.RemoteAddress = "203.0.113.7";
        Api.SetupAnswer = (HttpStatusCode.Unauthorized, """{"title":"Unauthorized.","status":401,"detail":"The setup token is missing or wrong."}""");
        var wizard = RenderWizard();
        wizard.Type("claim-code", "wrong").Next();
        wizard.WaitForStep(WizardStep.Organization);
        wizard.FillEverything();

        wizard.Create();

        wizard.WaitForStep(WizardStep.Claim);
        Assert.Contains("That is not the setup code.", wizard.Problems);
        Assert.DoesNotContain("X-Setup-Token", wizard.Problems);
    }

    [Fact]
    public void SetupWizard_ShouldStayOnTheClaimStepWithTheErrorOnTheField_WhenTheSetupCodeIsWrong()
    {
        Client.IsDirectLoopback = false;
        Client.NeedsClaimToken = true;
        Client.RemoteAddress = "203.0.113.7";
        Api.SetupCodeAnswer = (HttpStatusCode.Unauthorized, """{"title":"Unauthorized.","status":401,"detail":"a valid setup code is required"}""", null);
        var wizard = RenderWizard();
        Assert.Contains(SetupCodePath, wizard.Component.Find("[data-testid=setup-code-path]").TextContent);

        wizard.Type("claim-code", "wrong-code").Next();

        wizard.Component.WaitForAssertion(() => Assert.Contains("That is not the setup code.", wizard.Component.FieldText("claim-code")));
        Assert.Equal(nameof(WizardStep.Claim), wizard.Step);
        Assert.Contains("That is not the setup code.", wizard.Problems);
        Assert.Equal("wrong-code", Assert.Single(Api.SetupCodeChecks).Headers[SetupApiClient.ClaimTokenHeader]);
        Assert.Empty(Api.SetupRequests);

        Api.SetupCodeAnswer = (HttpStatusCode.OK, """{"required":true}""", null);
        wizard.Type("claim-code", "right-code").Next();
        wizard.WaitForStep(WizardStep.Organization);
    }

    [Fact]
    public void SetupWizard_ShouldRefuseSomethingThatCannotBeASetupCode_WithoutAskingTheServer()
    {
        Client.NeedsClaimToken = true;
        var wizard = RenderWizard();

        wizard.Type("claim-code", "cat /var/lib/bootstrap/setup-token").Next();

        wizard.Component.WaitForAssertion(() => Assert.Contains("A setup code has only letters, digits, - and _.", wizard.Component.FieldText("claim-code")));
        Assert.Equal(nameof(WizardStep.Claim), wizard.Step);
        Assert.Empty(Api.SetupCodeChecks);
    }

    [Fact]
    public void SetupWizard_ShouldSayWhenToRetry_WhenTooManyWrongSetupCodesWereSent()
    {
        Client.NeedsClaimToken = true;
        Api.SetupCodeAnswer = (HttpStatusCode.TooManyRequests, """{"title":"Too many requests.","status":429}""", 42);
        var wizard = RenderWizard();

        wizard.Type("claim-code", "any-code").Next();

        wizard.Component.WaitForAssertion(() => Assert.Contains("Try again in 42 seconds.", wizard.Problems));
        Assert.Equal(nameof(WizardStep.Claim), wizard.Step);
    }

    [Fact]
    public void SetupWizard_ShouldPutAServerErrorOnTheFieldItConcerns_UntilTheValueChanges()
    {
        Api.SetupAnswer = (HttpStatusCode.BadRequest, Responses.ValidationProblem("admin.userName", "That user name is reserved."));
        var wizard = RenderWizard();
        wizard.FillEverything();

        wizard.Create();

        wizard.WaitForStep(WizardStep.Admin);
        wizard.Component.WaitForAssertion(() => Assert.Contains("That user name is reserved.", wizard.Component.FieldText("admin-username")));
        Assert.Contains("That user name is reserved.", wizard.Problems);
        Assert.Equal("true", wizard.Component.Field("admin-username").GetAttribute("aria-invalid"));

        wizard.Type("admin-username", "operator");

        wizard.Component.WaitForAssertion(() => Assert.DoesNotContain("That user name is reserved.", wizard.Component.FieldText("admin-username")));
    }

    [Fact]
    public void SetupWizard_ShouldSaveADraftWithoutPasswords()
    {
        var wizard = RenderWizard();

        wizard.FillEverything(withMachine: true);

        Assert.NotEmpty(Drafts.SavedJson);
        Assert.Contains(Drafts.SavedJson, json => json.Contains("admin@acme.test"));
        Assert.DoesNotContain(Drafts.SavedJson, json => json.Contains(WizardDriver.Password));
        Assert.Equal(WizardStep.Review, Drafts.Current!.Step);
    }

    [Fact]
    public void SetupWizard_ShouldRestoreADraft_AndResumeAtTheStepWhosePasswordWasNotKept()
    {
        Drafts.Current = new WizardDraft
        {
            Step = WizardStep.Review,
            Organization = "Acme Corp",
            AdminUserName = "admin",
            AdminEmail = "admin@acme.test",
            BucketName = "telemetry",
            RetentionPreset = 604800,
            CreateMachineUser = true,
            MachineUserName = "ci-bot",
            MachineName = "CI robot",
        };

        var wizard = RenderWizard();

        wizard.WaitForStep(WizardStep.Admin);
        Assert.Equal("admin", wizard.Component.Field("admin-username").GetAttribute("value"));
        Assert.Equal("admin@acme.test", wizard.Component.Field("admin-email").GetAttribute("value"));
        Assert.True(string.IsNullOrEmpty(wizard.Component.Field("admin-password").GetAttribute("value")));
        wizard.Type("admin-password", WizardDriver.Password).Type("admin-password-confirm", WizardDriver.Password).Next();
        wizard.WaitForStep(WizardStep.Bucket);
        Assert.Equal("telemetry", wizard.Component.Field("bucket-name").GetAttribute("value"));
    }

    [Fact]
    public void SetupWizard_ShouldShowAlreadySetUp_WhenTheServerSaysSoOnCreate()
    {
        Api.SetupAnswer = (HttpStatusCode.Conflict, """{"title":"Setup has already been completed.","status":409}""");
        var wizard = RenderWizard();
        wizard.FillEverything();

        wizard.Create();

        wizard.WaitForStep(WizardStep.Done);
        Assert.NotNull(wizard.Component.Find("[data-testid=already-set-up]"));
        Assert.Null(Drafts.Current);
    }

    [Fact]
    public void StepOf_ShouldMapRequestPathsToTheStepThatAsksForThem()
    {
        Assert.Equal(WizardStep.Admin, SetupWizard.StepOf("admin.password"));
        Assert.Equal(WizardStep.Bucket, SetupWizard.StepOf("Bucket.RetentionSeconds"));
        Assert.Equal(WizardStep.Machine, SetupWizard.StepOf("machine.userName"));
        Assert.Equal(WizardStep.Organization, SetupWizard.StepOf("organization"));
        Assert.Equal(WizardStep.Review, SetupWizard.StepOf("body"));
    }
}
