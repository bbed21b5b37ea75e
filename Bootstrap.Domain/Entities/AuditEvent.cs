namespace Bootstrap.Domain.Entities;

/// <summary>Append-only record of what happened; never holds a secret.</summary>
public sealed class AuditEvent : IInstanceScoped
{
    public const int SubjectMaxLength = 200;
    public const int DetailMaxLength = 1000;

    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string Action { get; set; }
    public SetupChannel Channel { get; set; }
    public bool Succeeded { get; set; }
    public string? Subject { get; set; }
    public string? Detail { get; set; }
    public string? RemoteAddress { get; set; }
    public DateTime OccurredAt { get; set; }

    /// <summary>
    /// Subjects and details come from request values (an Infisical admin's email is its user name,
    /// SetUpOrg's roles are listed): an audit line is cut to fit its column, never refused, and never
    /// between the halves of a surrogate pair.
    /// </summary>
    public static string? Fit(string? text, int maxLength) => text is not null && text.Length > maxLength
        ? text[..(char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength)]
        : text;
}
