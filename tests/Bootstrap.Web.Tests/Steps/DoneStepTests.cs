using System.Diagnostics;
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

    [Fact]
    public void DoneStep_ShouldFillTheCommandsWithTheBrowsersOriginTheOrganizationAndTheToken()
    {
        var cut = Render<DoneStep>(p => p.Add(s => s.Response, CreatedResponse(withMachine: false)));

        Assert.Equal(
            $"influx config create --config-name bootstrap --host-url http://localhost --org 'Acme Corp' --token {Responses.OperatorToken} --active",
            cut.Find("[data-testid=command-influx-config-value]").TextContent);
        Assert.Equal(
            $"curl -sS -H 'Authorization: Token {Responses.OperatorToken}' 'http://localhost/api/v2/buckets?name=telemetry'",
            cut.Find("[data-testid=command-bucket-query-value]").TextContent);
    }

    [Fact]
    public void DoneStep_ShouldUsePublicUrl_AsTheOriginAndTheMachineKeysAudience()
    {
        PublicUrl.PublicUrl = "https://bootstrap.example.com";
        var cut = Render<DoneStep>(p => p.Add(s => s.Response, CreatedResponse(withMachine: true)));

        Assert.Contains("--host-url https://bootstrap.example.com --org", cut.Find("[data-testid=command-influx-config-value]").TextContent);
        var login = cut.Find("[data-testid=command-machine-key-login-value]").TextContent;
        Assert.Contains("zitadel-tools key2jwt --audience https://bootstrap.example.com --key ci-bot-key.json", login);
        Assert.Contains("curl -sS -X POST https://bootstrap.example.com/oauth/v2/token -d grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer -d scope=openid -d \"assertion=$JWT\"", login);
        Assert.Equal(
            $"curl -sS -H 'Authorization: Bearer {Responses.Pat}' https://bootstrap.example.com/api/v2/me",
            cut.Find("[data-testid=command-pat-query-value]").TextContent);
    }

    [Fact]
    public async Task DoneStep_ShouldQuoteTheOrganizationName_SoThatAPosixShellPassesItUnchanged()
    {
        const string organization = "Acme \"Q\" Inc's";
        var created = CreatedResponse(withMachine: false);
        var response = created with { Organization = created.Organization with { Name = organization } };
        var cut = Render<DoneStep>(p => p.Add(s => s.Response, response));
        var command = cut.Find("[data-testid=command-influx-config-value]").TextContent;

        // A stand-in influx prints the arguments the shell handed it, one per line.
        var arguments = await RunInShellAsync($"influx() {{ printf '%s\\n' \"$@\"; }}; {command}");

        var lines = arguments.Split('\n');
        Assert.Equal(organization, lines[Array.IndexOf(lines, "--org") + 1]);
        Assert.Equal(Responses.OperatorToken, lines[Array.IndexOf(lines, "--token") + 1]);
    }

    [Fact]
    public void DoneStep_ShouldOfferTheMachineKeyLogin_OnlyWhenAMachineKeyWasCreated()
    {
        var withKey = Render<DoneStep>(p => p.Add(s => s.Response, CreatedResponse(withMachine: true)));
        var created = CreatedResponse(withMachine: true);
        var withPatOnly = Render<DoneStep>(p => p.Add(s => s.Response, created with { Machine = created.Machine! with { MachineKey = null } }));
        var withoutMachine = Render<DoneStep>(p => p.Add(s => s.Response, CreatedResponse(withMachine: false)));

        Assert.Single(withKey.FindAll("[data-testid=command-machine-key-login]"));
        Assert.Empty(withPatOnly.FindAll("[data-testid=command-machine-key-login]"));
        Assert.Single(withPatOnly.FindAll("[data-testid=command-pat-query]"));
        Assert.Empty(withoutMachine.FindAll("[data-testid=command-machine-key-login]"));
        Assert.Empty(withoutMachine.FindAll("[data-testid=command-pat-query]"));
    }

    [Fact]
    public void DoneStep_ShouldCopyEachCommandAsShown()
    {
        JSInterop.Setup<bool>("bootstrapUi.copyText", _ => true).SetResult(true);
        var cut = Render<DoneStep>(p => p.Add(s => s.Response, CreatedResponse(withMachine: true)));
        var blocks = new[] { "command-influx-config", "command-bucket-query", "command-machine-key-login", "command-pat-query" };

        foreach (var block in blocks)
        {
            cut.Find($"button[data-testid={block}-copy]").Click();
        }

        var copied = JSInterop.Invocations.Where(i => i.Identifier == "bootstrapUi.copyText").Select(i => (string)i.Arguments[0]!).ToList();
        Assert.Equal(blocks.Select(block => cut.Find($"[data-testid={block}-value]").TextContent), copied);
        cut.WaitForAssertion(() => Assert.Contains("Command copied.", cut.Find("[data-testid=command-pat-query] [role=status]").TextContent));
    }

    [Fact]
    public void SetupWizard_ShouldSayTheInstanceIsCreated_OnceTheSecretsAreShown()
    {
        Api.SetupAnswer = (System.Net.HttpStatusCode.Created, Responses.Created(withMachine: false));
        var wizard = new WizardDriver(Render<SetupWizard>());
        wizard.WaitUntilReady();
        Assert.Contains("Nothing is stored until the last step.", wizard.Component.Find("[data-testid=wizard-intro]").TextContent);
        wizard.FillEverything(withMachine: false);

        wizard.Create();
        wizard.WaitForStep(WizardStep.Done);

        var intro = wizard.Component.Find("[data-testid=wizard-intro]").TextContent;
        Assert.Contains("The instance is created. The secrets below are shown once only", intro);
        Assert.DoesNotContain("Nothing is stored", intro);
    }

    private static async Task<string> RunInShellAsync(string script)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, ArgumentList = { "-c", script } };
        using var shell = Process.Start(start)!;
        var output = await shell.StandardOutput.ReadToEndAsync();
        await shell.WaitForExitAsync();
        Assert.Equal(0, shell.ExitCode);
        return output;
    }
}
