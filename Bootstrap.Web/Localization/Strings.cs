using System.Globalization;
using System.Resources;

namespace Bootstrap.Web.Localization;

/// <summary>
/// The UI's text: <c>Strings.resx</c> is English, and each <c>Strings.&lt;language&gt;.resx</c> beside it is a
/// language of the wizard, sign-in and overview. Components take an <c>IStringLocalizer&lt;Strings&gt;</c>.
/// </summary>
public sealed class Strings
{
    private Strings()
    {
    }

    /// <summary>The same resources the localizers read, for a language other than the request's (the switcher's names).</summary>
    public static ResourceManager ResourceManager { get; } = new(typeof(Strings).FullName!, typeof(Strings).Assembly);

    public static string Get(string key, CultureInfo culture) => ResourceManager.GetString(key, culture) ?? key;
}
