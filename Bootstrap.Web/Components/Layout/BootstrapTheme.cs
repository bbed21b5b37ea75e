using MudBlazor;

namespace Bootstrap.Web.Components.Layout;

public static class BootstrapTheme
{
    /// <summary>System fonts: the app runs offline and loads nothing from a font CDN.</summary>
    /// <remarks>The error and primary colours are adjusted to reach WCAG AA contrast (4.5:1) on their backgrounds.</remarks>
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Error = "#c62828",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#a99fff",
            PrimaryContrastText = "#16142b",
            Error = "#ff8a80",
            TextSecondary = "rgba(255,255,255,0.72)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
