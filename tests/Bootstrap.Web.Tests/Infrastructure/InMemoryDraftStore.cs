using System.Text.Json;
using Bootstrap.Web.Setup;

namespace Bootstrap.Web.Tests.Infrastructure;

/// <summary>Session storage as the wizard sees it; keeps every serialized save so tests can search them for secrets.</summary>
public sealed class InMemoryDraftStore : IWizardDraftStore
{
    public WizardDraft? Current { get; set; }

    public List<string> SavedJson { get; } = [];

    public Task<WizardDraft?> LoadAsync() => Task.FromResult(Current);

    public Task SaveAsync(WizardDraft draft)
    {
        Current = draft;
        SavedJson.Add(JsonSerializer.Serialize(draft));
        return Task.CompletedTask;
    }

    public Task ClearAsync()
    {
        Current = null;
        return Task.CompletedTask;
    }
}
