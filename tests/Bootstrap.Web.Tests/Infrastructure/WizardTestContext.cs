using Bootstrap.Api.Security;
using Bootstrap.Api.Security.Callers;
using Bootstrap.Api.Tenancy;
using Bootstrap.Domain.Security;
using Bootstrap.Domain.Setup;
using Bootstrap.Web.Localization;
using Bootstrap.Web.Setup;
using Bootstrap.Web.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Bootstrap.Web.Tests.Infrastructure;

/// <summary>
/// The services the wizard's components need, with MudBlazor's transitions at zero, the real shared
/// validators, a scripted API behind a real <see cref="SetupApiClient"/> and an in-memory draft store.
/// </summary>
public abstract class WizardTestContext : BunitContext, IAsyncLifetime
{
    protected WizardTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.PopoverOptions.CheckForPopoverProvider = false;
            options.PopoverOptions.Delay = TimeSpan.Zero;
            options.PopoverOptions.Duration = TimeSpan.Zero;
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        Services.AddLocalization();
        Services.AddSingleton<ValidationText>();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(PasswordPolicy);
        Services.AddSingleton<IValidator<SetupRequest>, SetupRequestValidator>();
        Services.AddSingleton(new SetupApiClient(new HttpClient(Api) { BaseAddress = new Uri("http://bootstrap.test/") }, Relay));
        Services.AddSingleton<IWizardDraftStore>(Drafts);
        Services.AddSingleton<SetupCompletion>();
        Services.AddSingleton(new SetupCodeFile(Microsoft.Extensions.Options.Options.Create(new SetupClaimOptions { ClaimTokenPath = SetupCodePath })));
        Services.AddScoped<BrowserInterop>();
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(PublicUrl));
        RenderTree.Add<CascadingValue<ClientConnection>>(parameters => parameters.Add(p => p.Value, Client));
    }

    /// <summary>Where the server in these tests writes its setup code.</summary>
    protected const string SetupCodePath = "/var/lib/bootstrap/setup-token";

    /// <summary>Mutable until the first render, e.g. to make the stricter policy the validators use.</summary>
    protected PasswordPolicy PasswordPolicy { get; } = new();

    protected ScriptedSetupApi Api { get; } = new();

    /// <summary>Unset unless a test sets it before rendering: the server's origin is then the browser's.</summary>
    protected PublicUrlOptions PublicUrl { get; } = new();

    /// <summary>The relay the wizard's client signs with; a test reads the sent header back through it.</summary>
    protected WizardRelay Relay { get; } = new(TimeProvider.System);

    protected InMemoryDraftStore Drafts { get; } = new();

    /// <summary>A local browser the server exempts from the claim unless a test says otherwise before rendering.</summary>
    protected ClientConnection Client { get; } = new() { IsDirectLoopback = true, NeedsClaimToken = false, RemoteAddress = "127.0.0.1" };

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that only dispose asynchronously; xUnit 2 would otherwise call Dispose().
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected SetupFieldValidation NewFieldValidation() =>
        new(Services.GetRequiredService<IValidator<SetupRequest>>(), Services.GetRequiredService<ValidationText>());
}
