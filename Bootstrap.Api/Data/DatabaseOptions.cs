namespace Bootstrap.Api.Data;

/// <summary>The <c>Database</c> section, beside <c>Database:Provider</c> (read where the DbContext is registered).</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>
    /// Whether the server applies pending migrations when it starts (under the start-up lock). False when a
    /// separate step does it (<c>Bootstrap.Web migrate</c>, a Kubernetes Job): the server then only checks, and
    /// is not ready while migrations are pending.
    /// </summary>
    public bool MigrateAtStart { get; set; } = true;
}
