using Bootstrap.Api.Native.Setup;
using Bootstrap.Api.Security;
using Bootstrap.Domain.Setup;
using Bootstrap.Web.Localization;
using Bootstrap.Web.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Utilities;

namespace Bootstrap.Web.Setup;

/// <summary>
/// The first-run wizard: collects one <see cref="SetupRequest"/> step by step, validating each field with
/// the API's validators, then sends it in a single <c>POST /api/setup</c> and shows the secrets once.
/// </summary>
public sealed partial class SetupWizard
{
    private readonly List<string> _problems = [];
    private readonly HashSet<WizardStep> _stepsWithErrors = [];
    private List<WizardStep> _steps = [];
    private WizardStep _current;
    private MudForm _form = default!;
    private bool _ready;
    private bool _busy;
    private bool _alreadySetUp;
    private bool _validateAfterRender;
    private bool _focusInvalidAfterRender;
    private bool _summaryFollowsForm;
    private string? _claimRejection;
    private string? _rejectedClaimCode;
    private SetupResponse? _response;

    [Inject] private IValidator<SetupRequest> Validator { get; set; } = default!;
    [Inject] private SetupApiClient SetupApi { get; set; } = default!;
    [Inject] private IWizardDraftStore Drafts { get; set; } = default!;
    [Inject] private BrowserInterop Browser { get; set; } = default!;
    [Inject] private SetupCompletion Completion { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private IStringLocalizer<Strings> L { get; set; } = default!;
    [Inject] private ValidationText ValidationText { get; set; } = default!;

    [CascadingParameter]
    private ClientConnection Client { get; set; } = new();

    private WizardModel Model { get; } = new();

    private SetupFieldValidation Validation { get; set; } = default!;

    private int ActiveIndex => _steps.IndexOf(_current);

    protected override void OnInitialized()
    {
        Validation = new SetupFieldValidation(Validator, ValidationText) { Submit = SubmitFromFieldAsync };
        _steps = StepsFor(Client.NeedsClaimToken);
        _current = _steps[0];
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            if (await Drafts.LoadAsync() is { } draft)
            {
                Model.Restore(draft);
                _current = ResumeAt(draft.Step);
            }
            _ready = true;
            StateHasChanged();
            return;
        }

        if (_validateAfterRender)
        {
            _validateAfterRender = false;
            await Validation.ValidateStepAsync(_form);
            // Server verdicts on this step's fields now live on the fields: the list can follow them.
            _summaryFollowsForm = _problems.All(_form.Errors.Contains);
            _focusInvalidAfterRender = true;
            StateHasChanged();
        }
        else if (_focusInvalidAfterRender)
        {
            _focusInvalidAfterRender = false;
            await Browser.FocusFirstInvalidAsync(".setup-wizard");
        }
    }

    private static List<WizardStep> StepsFor(bool claimRequired) =>
        Enum.GetValues<WizardStep>().Where(step => claimRequired || step != WizardStep.Claim).ToList();

    /// <summary>
    /// After a reload the setup code and passwords are gone (they are never stored), so the wizard
    /// resumes no later than the first step that asks for one of them.
    /// </summary>
    private WizardStep ResumeAt(WizardStep saved)
    {
        var firstSecretStep = _steps.Contains(WizardStep.Claim) ? WizardStep.Claim : WizardStep.Admin;
        var resumed = saved < firstSecretStep ? saved : firstSecretStep;
        return _steps.Contains(resumed) ? resumed : _steps[0];
    }

    /// <summary>One title per step, for the stepper and for the "Step N of M" line that replaces its labels on a phone.</summary>
    private string StepTitle(WizardStep step) => L[$"Wizard.Step.{step}"];

    private bool IsCompleted(WizardStep step) => _steps.IndexOf(step) < ActiveIndex;

    private bool HasError(WizardStep step) => _stepsWithErrors.Contains(step);

    private async Task NextAsync()
    {
        if (_busy || !await ValidateCurrentStepAsync() || (_current == WizardStep.Claim && !await CheckSetupCodeAsync()))
        {
            return;
        }
        await GoToAsync(_steps[ActiveIndex + 1]);
    }

    /// <summary>
    /// A wrong setup code is refused on its own step rather than after the last one. The check does not
    /// use the code up: it is sent again with the final request.
    /// </summary>
    private async Task<bool> CheckSetupCodeAsync()
    {
        SetupCodeCheck check;
        _busy = true;
        try
        {
            check = await SetupApi.VerifySetupCodeAsync(Model.ClaimToken!, Client);
        }
        catch (HttpRequestException exception)
        {
            ShowProblems([L["Wizard.ApiUnreachable", exception.Message]]);
            return false;
        }
        finally
        {
            _busy = false;
        }

        if (check is SetupCodeCheck.Accepted)
        {
            return true;
        }
        switch (check)
        {
            case SetupCodeCheck.Rejected:
                await RefuseSetupCodeAsync(L["Claim.WrongCode"]);
                break;
            case SetupCodeCheck.RateLimited limited:
                // Not tied to the code typed: the same (right) code may be checked again once the wait is over.
                ShowProblems([L["Claim.TooManyWrongCodes", Math.Max(1, (int)Math.Ceiling(limited.RetryAfter.TotalSeconds))]]);
                break;
            case SetupCodeCheck.AlreadySetUp:
                await HandleAsync(new SetupOutcome.AlreadySetUp());
                break;
            case SetupCodeCheck.Failed failed:
                ShowProblems([failed.Message]);
                break;
        }
        return false;
    }

    private async Task RefuseSetupCodeAsync(string message)
    {
        _claimRejection = message;
        _rejectedClaimCode = Model.ClaimToken;
        if (!_steps.Contains(WizardStep.Claim))
        {
            // The server does not see this browser as local (e.g. behind a proxy): ask after all.
            _steps = StepsFor(claimRequired: true);
        }
        await ReturnToFirstStepWithErrorsAsync(["Claim"], [message]);
    }

    /// <summary>Enter in a field: Next, or Create on the review step.</summary>
    private async Task SubmitFromFieldAsync()
    {
        await (_current == WizardStep.Review ? CreateAsync() : NextAsync());
        StateHasChanged();
    }

    private async Task BackAsync()
    {
        if (ActiveIndex > 0)
        {
            await GoToAsync(_steps[ActiveIndex - 1]);
        }
    }

    private async Task GoToAsync(WizardStep step)
    {
        _current = step;
        _summaryFollowsForm = false;
        _problems.Clear();
        await SaveDraftAsync();
    }

    /// <summary>Only the current step's fields are rendered, so the form validates exactly this step.</summary>
    private async Task<bool> ValidateCurrentStepAsync()
    {
        var valid = await Validation.ValidateStepAsync(_form);
        _problems.Clear();
        if (valid)
        {
            _stepsWithErrors.Remove(_current);
            return true;
        }
        _problems.AddRange(_form.Errors.Distinct());
        _summaryFollowsForm = true;
        _stepsWithErrors.Add(_current);
        _focusInvalidAfterRender = true;
        return false;
    }

    private async Task CreateAsync()
    {
        if (_busy)
        {
            return;
        }

        Model.StampPatExpiry(Clock.GetUtcNow().UtcDateTime);
        if (!await ValidateWholeRequestAsync())
        {
            return;
        }

        _busy = true;
        try
        {
            var outcome = await SetupApi.CompleteAsync(Model.Request, Model.ClaimToken, Client);
            await HandleAsync(outcome);
        }
        catch (HttpRequestException exception)
        {
            ShowProblems([L["Wizard.ApiUnreachable", exception.Message]]);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>
    /// Steps already passed their own validation, but a reload drops the password, so the whole
    /// request is checked once more before anything is sent.
    /// </summary>
    private async Task<bool> ValidateWholeRequestAsync()
    {
        var result = await Validator.ValidateAsync(Model.Request);
        var failures = result.Errors.Select(e => (Path: e.PropertyName, ErrorMessage: ValidationText.Describe(e))).ToList();
        if (Model.ConfirmPassword != Model.Admin.Password)
        {
            failures.Add(("Admin.Password", L["Admin.PasswordsDiffer"]));
        }
        if (_steps.Contains(WizardStep.Claim) && string.IsNullOrWhiteSpace(Model.ClaimToken))
        {
            failures.Add(("Claim", L["Claim.EnterCode"]));
        }
        if (failures.Count == 0)
        {
            return true;
        }

        await ReturnToFirstStepWithErrorsAsync(failures.Select(f => f.Path), failures.Select(f => f.ErrorMessage));
        return false;
    }

    private async Task HandleAsync(SetupOutcome outcome)
    {
        switch (outcome)
        {
            case SetupOutcome.Created created:
                _response = created.Response;
                Completion.MarkCompleted();
                ForgetSecretsTyped();
                await Drafts.ClearAsync();
                _problems.Clear();
                _stepsWithErrors.Clear();
                _current = WizardStep.Done;
                break;

            case SetupOutcome.Rejected rejected:
                Validation.SetServerErrors(Model.Request, rejected.Errors);
                var messages = rejected.Errors.Count > 0
                    ? rejected.Errors.SelectMany(e => e.Value)
                    : [rejected.Message ?? L["Wizard.Rejected"]];
                await ReturnToFirstStepWithErrorsAsync(rejected.Errors.Keys, messages);
                break;

            case SetupOutcome.ClaimRejected:
                await RefuseSetupCodeAsync(L["Claim.WrongCode"]);
                break;

            case SetupOutcome.AlreadySetUp:
                Completion.MarkCompleted();
                ForgetSecretsTyped();
                await Drafts.ClearAsync();
                _alreadySetUp = true;
                _current = WizardStep.Done;
                break;

            case SetupOutcome.Failed failed:
                ShowProblems([failed.Message]);
                break;
        }
    }

    private async Task ReturnToFirstStepWithErrorsAsync(IEnumerable<string> paths, IEnumerable<string> messages)
    {
        var steps = paths.Select(StepOf).Distinct().ToList();
        _stepsWithErrors.Clear();
        _stepsWithErrors.UnionWith(steps);
        var first = _steps.FirstOrDefault(steps.Contains, WizardStep.Review);
        await GoToAsync(first);
        ShowProblems(messages);
        _validateAfterRender = true;
    }

    private void ShowProblems(IEnumerable<string> messages)
    {
        _summaryFollowsForm = false;
        _problems.Clear();
        _problems.AddRange(messages.Select(SetupFieldValidation.Sentence).Distinct());
    }

    /// <summary>Once the step's errors are listed, the list follows the fields: a fixed field leaves it at once.</summary>
    private void OnFormErrorsChanged(string[] errors)
    {
        if (!_summaryFollowsForm)
        {
            return;
        }
        _problems.Clear();
        _problems.AddRange(errors.Distinct());
        if (_problems.Count == 0)
        {
            _stepsWithErrors.Remove(_current);
        }
    }

    /// <summary>Maps a request path ("admin.password", "Bucket.RetentionSeconds") to the step that asks for it.</summary>
    internal static WizardStep StepOf(string path) => path.Split('.')[0].ToLowerInvariant() switch
    {
        "claim" => WizardStep.Claim,
        "organization" => WizardStep.Organization,
        "admin" => WizardStep.Admin,
        "bucket" => WizardStep.Bucket,
        "machine" => WizardStep.Machine,
        _ => WizardStep.Review,
    };

    private void ForgetSecretsTyped()
    {
        Model.Admin.Password = null;
        Model.ConfirmPassword = null;
        Model.ClaimToken = null;
    }

    private async Task OnFieldChangedAsync(FormFieldChangedEventArgs _) => await SaveDraftAsync();

    private async Task SaveDraftAsync()
    {
        if (_ready && _response is null && !_alreadySetUp)
        {
            await Drafts.SaveAsync(Model.ToDraft(_current));
        }
    }

    /// <summary>The secrets live only in this component; dropping them and the circuit makes them unrecoverable.</summary>
    private async Task LeaveAsync()
    {
        _response = null;
        await Drafts.ClearAsync();
        Navigation.NavigateTo("signin", forceLoad: true);
    }
}
