namespace Bootstrap.Domain.Entities;

public sealed class MachineKey : IInstanceScoped
{
    public Guid Id { get; set; }
    public long Number { get; set; }
    public Guid InstanceId { get; set; }
    public Guid UserId { get; set; }

    /// <summary>SubjectPublicKeyInfo PEM; the private half is handed out once and never stored.</summary>
    public required string PublicKeyPem { get; set; }

    public DateTime ExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }
}
