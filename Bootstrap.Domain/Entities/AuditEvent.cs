namespace Bootstrap.Domain.Entities;

/// <summary>Append-only record of what happened; never holds a secret.</summary>
public sealed class AuditEvent : IInstanceScoped
{
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

    /// <summary>A detail is a summary built from request values (SetUpOrg's roles, say): cut to fit, never between the halves of a surrogate pair.</summary>
    public static string? Summary(string? detail) => detail is { Length: > DetailMaxLength }
        ? detail[..(char.IsHighSurrogate(detail[DetailMaxLength - 1]) ? DetailMaxLength - 1 : DetailMaxLength)]
        : detail;
}
