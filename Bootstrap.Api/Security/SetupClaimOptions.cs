namespace Bootstrap.Api.Security;

/// <summary>The <c>Setup</c> configuration section.</summary>
public sealed class SetupClaimOptions
{
    public const string SectionName = "Setup";

    public ClaimMode ClaimMode { get; set; } = ClaimMode.LoopbackExempt;

    public string ClaimTokenPath { get; set; } = "data/setup-token";

    /// <summary>Proxies whose X-Forwarded-* headers are believed; nobody else's are.</summary>
    public List<string> KnownProxies { get; set; } = [];
}

public enum ClaimMode
{
    /// <summary>A direct loopback connection needs no token; everyone else must present it.</summary>
    LoopbackExempt,

    /// <summary>Everyone must present the token.</summary>
    Required,

    /// <summary>No claim protection (for setups driven only from trusted automation).</summary>
    Disabled,
}
