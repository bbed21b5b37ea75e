using System.Text.Json.Serialization;

namespace Bootstrap.Api.Influx;

// Property order is the wire order of InfluxDB 2.x.

public sealed record InfluxSetupStatus(bool Allowed);

public sealed record InfluxOnboardingResponse(InfluxUser User, InfluxBucket Bucket, InfluxOrg Org, InfluxAuthorization Auth);

public sealed record InfluxUser(string Id, string Name, string Status, InfluxUserLinks Links);

public sealed record InfluxUserLinks(string Self);

public sealed record InfluxBucket(
    string Id,
    [property: JsonPropertyName("orgID")] string OrgId,
    string Type,
    string Name,
    IReadOnlyList<InfluxRetentionRule> RetentionRules,
    string CreatedAt,
    string UpdatedAt,
    InfluxBucketLinks Links,
    IReadOnlyList<object> Labels);

public sealed record InfluxRetentionRule(string Type, long EverySeconds, long ShardGroupDurationSeconds);

public sealed record InfluxBucketLinks(string Labels, string Members, string Org, string Owners, string Self, string Write);

public sealed record InfluxOrg(string Id, string Name, string Description, string CreatedAt, string UpdatedAt, InfluxOrgLinks Links);

public sealed record InfluxOrgLinks(
    string Buckets, string Dashboards, string Labels, string Logs, string Members, string Owners, string Secrets, string Self, string Tasks);

public sealed record InfluxAuthorization(
    string Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Token,
    string Status,
    string Description,
    [property: JsonPropertyName("orgID")] string OrgId,
    [property: JsonPropertyName("userID")] string UserId,
    IReadOnlyList<InfluxPermission> Permissions,
    string CreatedAt,
    string UpdatedAt,
    InfluxAuthorizationLinks Links);

public sealed record InfluxPermission(string Action, InfluxResource Resource);

public sealed record InfluxResource(
    string Type,
    [property: JsonPropertyName("orgID"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OrgId);

public sealed record InfluxAuthorizationLinks(string Self, string User);

public sealed record InfluxOrgList(InfluxListLinks Links, IReadOnlyList<InfluxOrg> Orgs);

public sealed record InfluxBucketList(InfluxListLinks Links, IReadOnlyList<InfluxBucket> Buckets);

public sealed record InfluxAuthorizationList(InfluxListLinks Links, IReadOnlyList<InfluxAuthorization> Authorizations);

public sealed record InfluxListLinks(
    string Self,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Next = null);
