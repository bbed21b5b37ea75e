using System.Globalization;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;

namespace Bootstrap.Api.Influx;

/// <summary>Entities in InfluxDB 2.x's shapes: 16-hex ids, RFC 3339 timestamps, its links.</summary>
public static class InfluxPresenter
{
    private const long Day = 86_400;

    public static InfluxOnboardingResponse Onboarding(SetupResult result) => new(
        User(result.Admin),
        Bucket(result.Bucket, result.Organization),
        Org(result.Organization),
        Authorization(result.OperatorToken!.Token, result.Organization, result.Admin, result.OperatorToken.Secret));

    public static InfluxUser User(User user)
    {
        var id = Ids.ToInfluxId(user.Number);
        return new(id, user.UserName ?? string.Empty, "active", new($"/api/v2/users/{id}"));
    }

    public static InfluxOrg Org(Organization org)
    {
        var id = Ids.ToInfluxId(org.Number);
        var name = Uri.EscapeDataString(org.Name);
        return new(id, org.Name, string.Empty, Timestamp(org.CreatedAt), Timestamp(org.UpdatedAt), new(
            Buckets: $"/api/v2/buckets?org={name}",
            Dashboards: $"/api/v2/dashboards?org={name}",
            Labels: $"/api/v2/orgs/{id}/labels",
            Logs: $"/api/v2/orgs/{id}/logs",
            Members: $"/api/v2/orgs/{id}/members",
            Owners: $"/api/v2/orgs/{id}/owners",
            Secrets: $"/api/v2/orgs/{id}/secrets",
            Self: $"/api/v2/orgs/{id}",
            Tasks: $"/api/v2/tasks?org={name}"));
    }

    public static InfluxBucket Bucket(Bucket bucket, Organization org)
    {
        var id = Ids.ToInfluxId(bucket.Number);
        var orgId = Ids.ToInfluxId(org.Number);
        return new(id, orgId, "user", bucket.Name,
            [new InfluxRetentionRule("expire", bucket.RetentionSeconds, ShardGroupDurationSeconds(bucket.RetentionSeconds))],
            Timestamp(bucket.CreatedAt), Timestamp(bucket.UpdatedAt),
            new(
                Labels: $"/api/v2/buckets/{id}/labels",
                Members: $"/api/v2/buckets/{id}/members",
                Org: $"/api/v2/orgs/{orgId}",
                Owners: $"/api/v2/buckets/{id}/owners",
                Self: $"/api/v2/buckets/{id}",
                Write: $"/api/v2/write?org={orgId}&bucket={id}"),
            []);
    }

    /// <summary><paramref name="secret"/> is given only when the token is first issued.</summary>
    public static InfluxAuthorization Authorization(ApiToken token, Organization? org, User user, string? secret = null)
    {
        var id = Ids.ToInfluxId(token.Number);
        var userId = Ids.ToInfluxId(user.Number);
        var orgId = org is null ? string.Empty : Ids.ToInfluxId(org.Number);
        var resourceOrgId = token.IsInstanceWide ? null : orgId;
        var permissions = token.Permissions
            .Select(p => p.Split(':', 2))
            .Select(parts => new InfluxPermission(parts[0], new InfluxResource(parts[1], resourceOrgId)))
            .ToList();
        return new(id, secret, token.RevokedAt is null ? "active" : "inactive", token.Description, orgId, userId, permissions,
            Timestamp(token.CreatedAt), Timestamp(token.UpdatedAt),
            new($"/api/v2/authorizations/{id}", $"/api/v2/users/{userId}"));
    }

    /// <summary>InfluxDB's default shard group duration for a retention period.</summary>
    public static long ShardGroupDurationSeconds(long retentionSeconds) => retentionSeconds switch
    {
        0 => 7 * Day,
        < 2 * Day => 3_600,
        < 180 * Day => Day,
        _ => 7 * Day,
    };

    public static string Timestamp(DateTime value) =>
        DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture);
}
