using Microsoft.AspNetCore.Identity;

namespace Bootstrap.Domain.Entities;

public sealed class User : IdentityUser<Guid>, IInstanceScoped
{
    public long Number { get; set; }
    public Guid InstanceId { get; set; }
    public UserKind Kind { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }

    /// <summary>The display name of a machine user.</summary>
    public string? DisplayName { get; set; }

    public string? PreferredLanguage { get; set; }
    public bool IsSuperAdmin { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum UserKind
{
    Human,
    Machine,
}
