using Microsoft.AspNetCore.Identity;

namespace Bootstrap.Domain.Entities;

public sealed class User : IdentityUser<Guid>, IInstanceScoped
{
    public long Number { get; set; }
    public Guid InstanceId { get; set; }
    public UserKind Kind { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }

    /// <summary>A machine user's name; a human's display name (Zitadel's profile <c>displayName</c>).</summary>
    public string? DisplayName { get; set; }

    public string? NickName { get; set; }
    public Gender Gender { get; set; }
    public string? PreferredLanguage { get; set; }

    /// <summary>Set by Zitadel's <c>passwordChangeRequired</c>: the user signs in only after choosing a new password.</summary>
    public bool PasswordChangeRequired { get; set; }

    public bool IsSuperAdmin { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>Zitadel's <c>zitadel.user.v1.Gender</c>.</summary>
public enum Gender
{
    Unspecified,
    Female,
    Male,
    Diverse,
}

public enum UserKind
{
    Human,
    Machine,
}
