namespace Bootstrap.Api.Security;

/// <summary>The <c>Setup</c> configuration section.</summary>
public sealed class SetupClaimOptions
{
    public const string SectionName = "Setup";

    public ClaimMode ClaimMode { get; set; } = ClaimMode.LoopbackExempt;

    public string ClaimTokenPath { get; set; } = "data/setup-token";

    /// <summary>
    /// Keeps the loopback exemption when the server listens beyond loopback or proxies are configured,
    /// where it would otherwise behave as <see cref="ClaimMode.Required"/>.
    /// </summary>
    public bool LoopbackExemptWhenExposed { get; set; }
}

public enum ClaimMode
{
    /// <summary>
    /// A direct loopback connection needs no token; everyone else must present it. Behaves as
    /// <see cref="Required"/> while the server is exposed (see <c>ClaimExemption</c>).
    /// </summary>
    LoopbackExempt,

    /// <summary>Everyone must present the token.</summary>
    Required,

    /// <summary>No claim protection (for setups driven only from trusted automation).</summary>
    Disabled,
}
