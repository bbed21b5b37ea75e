using Microsoft.JSInterop;

namespace Bootstrap.Web.Shared;

/// <summary>The few browser features Blazor has no API for (wwwroot/js/ui.js).</summary>
public sealed class BrowserInterop(IJSRuntime js)
{
    /// <summary>False when the browser refuses (no secure context, permission denied).</summary>
    /// <summary>Remembers the theme in a cookie, which the server reads for every page, static ones included.</summary>
    public ValueTask SaveThemeAsync(bool dark) => js.InvokeVoidAsync("bootstrapUi.saveTheme", ClientConnection.ThemeCookie, dark ? "dark" : "light");

    public ValueTask<bool> CopyTextAsync(string text) => js.InvokeAsync<bool>("bootstrapUi.copyText", text);

    public ValueTask DownloadTextAsync(string fileName, string mimeType, string text) =>
        js.InvokeVoidAsync("bootstrapUi.downloadText", fileName, mimeType, text);

    /// <summary>Moves focus to the first invalid input inside <paramref name="containerSelector"/>.</summary>
    public ValueTask<bool> FocusFirstInvalidAsync(string containerSelector) =>
        js.InvokeAsync<bool>("bootstrapUi.focusFirstInvalid", containerSelector);
}
