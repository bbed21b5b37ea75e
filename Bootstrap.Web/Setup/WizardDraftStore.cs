using System.Security.Cryptography;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;

namespace Bootstrap.Web.Setup;

/// <summary>Keeps the wizard's draft across a reload of the same browser tab.</summary>
public interface IWizardDraftStore
{
    Task<WizardDraft?> LoadAsync();
    Task SaveAsync(WizardDraft draft);
    Task ClearAsync();
}

/// <summary>The draft lives in the tab's session storage, encrypted with the app's data protection keys.</summary>
public sealed class SessionWizardDraftStore(ProtectedSessionStorage storage) : IWizardDraftStore
{
    private const string Key = "bootstrap.setup-draft";

    public async Task<WizardDraft?> LoadAsync()
    {
        try
        {
            var result = await storage.GetAsync<WizardDraft>(Key);
            return result.Success ? result.Value : null;
        }
        catch (CryptographicException)
        {
            // Written under keys this process no longer has (e.g. after a restart without persisted keys).
            await storage.DeleteAsync(Key);
            return null;
        }
    }

    public async Task SaveAsync(WizardDraft draft) => await storage.SetAsync(Key, draft);

    public async Task ClearAsync() => await storage.DeleteAsync(Key);
}
