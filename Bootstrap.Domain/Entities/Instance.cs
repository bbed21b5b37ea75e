namespace Bootstrap.Domain.Entities;

public sealed class Instance
{
    /// <summary>The instance created by the initial migration; its setup is the one-shot first run.</summary>
    public static readonly Guid FirstId = new("00000000-0000-0000-0000-000000000001");

    public Guid Id { get; set; }
    public long Number { get; set; }
    public required string Name { get; set; }
    public string? CustomDomain { get; set; }
    public string DefaultLanguage { get; set; } = "en";
    public DateTime CreatedAt { get; set; }
    public DateTime? SetupCompletedAt { get; set; }
    public SetupChannel? SetupChannel { get; set; }

    /// <summary>SHA-256 of the one-time claim token that guards the first run; cleared when setup completes.</summary>
    public byte[]? ClaimTokenHash { get; set; }
}
