namespace Bootstrap.Domain.Entities;

public sealed class Organization : IInstanceScoped
{
    public Guid Id { get; set; }
    public long Number { get; set; }
    public Guid InstanceId { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }

    /// <summary>Zitadel's SetUpOrg <c>org.domain</c>: a verified, not primary, domain of the organization.</summary>
    public string? Domain { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
