namespace Bootstrap.Domain.Entities;

/// <summary>Append-only record of what happened; never holds a secret.</summary>
public sealed class AuditEvent : IInstanceScoped
{
    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string Action { get; set; }
    public SetupChannel Channel { get; set; }
    public bool Succeeded { get; set; }
    public string? Subject { get; set; }
    public string? Detail { get; set; }
    public string? RemoteAddress { get; set; }
    public DateTime OccurredAt { get; set; }
}
