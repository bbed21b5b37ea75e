using Bootstrap.Web.Setup;

namespace Bootstrap.Web.Tests.Infrastructure;

/// <summary>Operates a rendered <see cref="SetupWizard"/> the way a person does: typing, Next, Create.</summary>
public sealed class WizardDriver(IRenderedComponent<SetupWizard> cut)
{
    public const string Password = "correct-horse-9";

    public IRenderedComponent<SetupWizard> Component => cut;

    public string Step => cut.Find(".setup-wizard").GetAttribute("data-step")!;

    public string Problems => cut.Find("[data-testid=wizard-problems]").TextContent;

    public void WaitUntilReady() =>
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find(".setup-wizard").GetAttribute("data-interactive")));

    public void WaitForStep(WizardStep step) => cut.WaitForAssertion(() => Assert.Equal(step.ToString(), Step));

    public WizardDriver Type(string testId, string value)
    {
        cut.Field(testId).Input(value);
        return this;
    }

    public void Next() => cut.Find("button[data-testid=wizard-next]").Click();

    public void Back() => cut.Find("button[data-testid=wizard-back]").Click();

    public void Create() => cut.Find("button[data-testid=wizard-create]").Click();

    public void CompleteOrganization(string name = "Acme Corp")
    {
        Type("organization", name).Next();
        WaitForStep(WizardStep.Admin);
    }

    public void CompleteAdmin(string userName = "admin")
    {
        Type("admin-username", userName).Type("admin-email", "admin@acme.test")
            .Type("admin-password", Password).Type("admin-password-confirm", Password)
            .Next();
        WaitForStep(WizardStep.Bucket);
    }

    public void CompleteBucket(string name = "telemetry")
    {
        Type("bucket-name", name);
        cut.Field("retention-604800").Click();
        Next();
        WaitForStep(WizardStep.Machine);
    }

    public void CompleteMachine(bool withMachine)
    {
        if (withMachine)
        {
            cut.Field("machine-enabled").Change(true);
            Type("machine-username", "ci-bot").Type("machine-name", "CI robot");
            cut.Field("machine-key").Change(true);
        }
        Next();
        WaitForStep(WizardStep.Review);
    }

    /// <summary>From the organization step to the review step with valid values everywhere.</summary>
    public void FillEverything(bool withMachine = false)
    {
        CompleteOrganization();
        CompleteAdmin();
        CompleteBucket();
        CompleteMachine(withMachine);
    }
}
