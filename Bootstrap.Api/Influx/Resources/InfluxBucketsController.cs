using Bootstrap.Api.Auth;
using Bootstrap.Api.Data;
using Bootstrap.Domain.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Influx.Resources;

[ApiController]
[Authorize]
[Route("api/v2/buckets")]
public sealed class InfluxBucketsController(BootstrapDbContext db, OrganizationAccess access) : ControllerBase
{
    private const int DefaultLimit = 20;
    private const int MaxLimit = 100;

    [HttpGet]
    public async Task<InfluxBucketList> List(
        [FromQuery] string? org,
        [FromQuery(Name = "orgID")] string? orgId,
        [FromQuery] string? name,
        [FromQuery] string? id,
        [FromQuery] string? after,
        [FromQuery] int? offset,
        [FromQuery] int? limit,
        CancellationToken cancellationToken)
    {
        var orgs = await access.VisibleOrganizationsAsync(User, org, orgId, cancellationToken);

        var buckets = db.Buckets.AsNoTracking().Join(orgs, b => b.OrganizationId, o => o.Id, (b, o) => new { Bucket = b, Org = o });
        if (name is not null)
        {
            buckets = buckets.Where(x => x.Bucket.Name == name);
        }
        if (id is not null)
        {
            buckets = Ids.TryParseInfluxId(id, out var number) ? buckets.Where(x => x.Bucket.Number == number) : buckets.Where(_ => false);
        }
        if (after is not null && Ids.TryParseInfluxId(after, out var afterNumber))
        {
            buckets = buckets.Where(x => x.Bucket.Number > afterNumber);
        }

        var take = Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
        var skip = Math.Max(offset ?? 0, 0);
        var page = await buckets.OrderBy(x => x.Bucket.Number).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new InfluxBucketList(
            new($"/api/v2/buckets?descending=false&limit={take}&offset={skip}"),
            page.Select(x => InfluxPresenter.Bucket(x.Bucket, x.Org)).ToList());
    }
}
