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
            // A text alert writes in WarningDarken on a warning tint: MudBlazor's default reaches only 2.86:1.
            WarningDarken = "#8a4b00",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#a99fff",
            PrimaryContrastText = "#16142b",
            Error = "#ff8a80",
            // On a dark page the alert's text colour has to be lighter than the warning colour, not darker.
            WarningDarken = "#ffc04d",
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
