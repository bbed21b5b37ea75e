using System.Text.Json;
using Bootstrap.Api.Native.Setup;
using Bootstrap.Web.Setup;
using Bootstrap.Web.Setup.Steps;
using Bootstrap.Web.Tests.Infrastructure;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Web.Tests.Steps;

public sealed class DoneStepTests : WizardTestContext
{
    private static SetupResponse CreatedResponse(bool withMachine) =>
        JsonSerializer.Deserialize<SetupResponse>(Responses.Created(withMachine), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    [Fact]
    public void DoneStep_ShouldShowTheOperatorTokenPatAndMachineKeyFile()
    {
        var cut = Render<DoneStep>(p => p.Add(s => s.Response, CreatedResponse(withMachine: true)));

        Assert.Equal(Responses.OperatorToken, cut.Find("[data-testid=operator-token-value]").TextContent);
        Assert.Equal(Responses.Pat, cut.Find("[data-testid=machine-pat-value]").TextContent);
        using var keyFile = JsonDocument.Parse(cut.Find("[data-testid=machine-key-value]").TextContent);
        Assert.Equal("serviceaccount", keyFile.RootElement.GetProperty("type").GetString());
        Assert.Contains(Responses.PrivateKeyMarker, keyFile.RootElement.GetProperty("key").GetString());
    }

    [Fact]
    public void DoneStep_ShouldCopyASecretAndSaySo()
    {
        JSInterop.Setup<bool>("bootstrapUi.copyText", _ => true).SetResult(true);
        var cut = Render<DoneStep>(p => p.Add(s => s.Response, CreatedResponse(withMachine: false)));

        cut.Find("button[data-testid=operator-token-copy]").Click();

        var invocation = Assert.Single(JSInterop.Invocations, i => i.Identifier == "bootstrapUi.copyText");
        Assert.Equal(Responses.OperatorToken, invocation.Arguments[0]);
        cut.WaitForAssertion(() => Assert.Contains("Operator token copied.", cut.Find("[data-testid=operator-token] [role=status]").TextContent));
    }

    [Fact]
    public void DoneStep_ShouldDownloadAllSecretsAsOneJsonFile()
    {
        var cut = Render<DoneStep>(p => p.Add(s => s.Response, CreatedResponse(withMachine: true)));

        cut.Find("button[data-testid=download-all]").Click();

        var invocation = Assert.Single(JSInterop.Invocations, i => i.Identifier == "bootstrapUi.downloadText");
        Assert.Equal("bootstrap-secrets.json", invocation.Arguments[0]);
        using var file = JsonDocument.Parse((string)invocation.Arguments[2]!);
        Assert.Equal(Responses.OperatorToken, file.RootElement.GetProperty("operatorToken").GetString());
        var machine = file.RootElement.GetProperty("machineUser");
        Assert.Equal(Responses.Pat, machine.GetProperty("pat").GetString());
        Assert.Contains(Responses.PrivateKeyMarker, machine.GetProperty("machineKey").GetProperty("key").GetString());
    }

    [Fact]
    public void DoneStep_ShouldKeepContinueDisabled_UntilTheOperatorConfirmsTheSecretsAreSaved()
    {
        var left = false;
        var cut = Render<DoneStep>(p => p
            .Add(s => s.Response, CreatedResponse(withMachine: false))
            .Add(s => s.OnLeave, EventCallback.Factory.Create(this, () => left = true)));
        Assert.True(cut.Find("button[data-testid=continue-to-signin]").HasAttribute("disabled"));

        cut.Find("input[data-testid=saved-confirmation]").Change(true);
        cut.Find("button[data-testid=continue-to-signin]").Click();

        Assert.True(left);
    }

    [Fact]
    public void SetupWizard_ShouldNeverShowTheSecretsAgain_AfterLeavingForSignIn()
    {
        Api.SetupAnswer = (System.Net.HttpStatusCode.Created, Responses.Created(withMachine: true));
        var wizard = new WizardDriver(Render<SetupWizard>());
        wizard.WaitUntilReady();
        wizard.FillEverything(withMachine: true);
        wizard.Create();
        wizard.WaitForStep(WizardStep.Done);
        Assert.Contains(Responses.OperatorToken, wizard.Component.Markup);

        wizard.Component.Find("input[data-testid=saved-confirmation]").Change(true);
        wizard.Component.Find("button[data-testid=continue-to-signin]").Click();

        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        Assert.EndsWith("/signin", navigation.Uri);
        Assert.DoesNotContain(Responses.OperatorToken, wizard.Component.Markup);
        Assert.DoesNotContain(Responses.Pat, wizard.Component.Markup);
        Assert.Null(Drafts.Current);
        Assert.DoesNotContain(Drafts.SavedJson, json => json.Contains(Responses.OperatorToken) || json.Contains(Responses.Pat));

        // Coming back: the instance is set up, so the page shows that and nothing else.
        Api.Allowed = false;
        var again = Render<SetupPage>();
        again.WaitForAssertion(() => Assert.NotNull(again.Find("[data-testid=already-set-up]")));
        Assert.DoesNotContain(Responses.OperatorToken, again.Markup);
    }
}
