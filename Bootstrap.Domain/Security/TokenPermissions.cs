namespace Bootstrap.Domain.Security;

public static class TokenPermissions
{
    /// <summary>The resource types an InfluxDB 2.x operator or all-access token covers.</summary>
    public static readonly IReadOnlyList<string> ResourceTypes =
    [
        "authorizations", "buckets", "dashboards", "orgs", "sources", "tasks", "telegrafs", "users",
        "variables", "scrapers", "secrets", "labels", "views", "documents", "notificationRules",
        "notificationEndpoints", "checks", "dbrp", "notebooks", "annotations", "remotes", "replications",
    ];

    /// <summary>Read and write on every resource type, as "action:type".</summary>
    public static List<string> All() =>
        ResourceTypes.SelectMany(type => new[] { $"read:{type}", $"write:{type}" }).ToList();
}
