using MudBlazor;

namespace Bootstrap.Web.Components.Layout;

public static class BootstrapTheme
{
    /// <summary>System fonts: the app runs offline and loads nothing from a font CDN.</summary>
    public static MudTheme Theme { get; } = new()
    {
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
