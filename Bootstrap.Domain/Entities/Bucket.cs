namespace Bootstrap.Domain.Entities;

public sealed class Bucket : IInstanceScoped
{
    public const long MinimumRetentionSeconds = 3600;

    public Guid Id { get; set; }
    public long Number { get; set; }
    public Guid InstanceId { get; set; }
    public Guid OrganizationId { get; set; }
    public required string Name { get; set; }

    /// <summary>0 keeps data forever.</summary>
    public long RetentionSeconds { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
