using Bootstrap.Api.Data;
using Bootstrap.Api.Security.Callers;

namespace Bootstrap.Web.Shared;

/// <summary>
/// Who the browser is, captured from the page request: a Blazor circuit has no HttpContext of its own,
/// so the static root component hands this to the interactive tree (protected in the page like every
/// root component parameter). It comes from the API's own <see cref="Caller"/>, so the wizard and the API
/// agree on who is calling.
/// </summary>
public sealed class ClientConnection
{
    public string? RemoteAddress { get; set; }

    /// <summary>A loopback browser that no proxy stands in front of.</summary>
    public bool IsDirectLoopback { get; set; }

    /// <summary>Whether the server will ask this browser for the setup code: the wizard asks for it first.</summary>
    public bool NeedsClaimToken { get; set; }

    /// <summary>
    /// The instance the page request was routed to by its host: every query the circuit makes runs
    /// under it. Empty (no instance) unless captured, so a missing value shows nothing rather than the first instance.
    /// </summary>
    public Guid InstanceId { get; set; }

    /// <summary>
    /// The theme this browser last chose (the <see cref="ThemeCookie"/>), so that static pages and the first
    /// render show it; null when it never chose one and the system's preference applies.
    /// </summary>
    public bool? DarkMode { get; set; }

    public const string ThemeCookie = "bootstrap-theme";

    public static ClientConnection From(HttpContext context)
    {
        var caller = context.Caller();
        return new ClientConnection
        {
            RemoteAddress = caller.Address?.ToString(),
            IsDirectLoopback = caller.IsDirectLoopback,
            NeedsClaimToken = !context.RequestServices.GetRequiredService<ClaimExemption>().Applies(caller),
            InstanceId = context.RequestServices.GetRequiredService<CurrentInstance>().Id,
            DarkMode = context.Request.Cookies[ThemeCookie] switch { "dark" => true, "light" => false, _ => null },
        };
    }
}
