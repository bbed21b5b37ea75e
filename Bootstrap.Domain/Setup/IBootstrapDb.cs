using Bootstrap.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Bootstrap.Domain.Setup;

/// <summary>The EF Core context as the domain sees it; implemented in Bootstrap.Api.</summary>
public interface IBootstrapDb
{
    DbSet<Instance> Instances { get; }
    DbSet<Organization> Organizations { get; }
    DbSet<User> Users { get; }
    DbSet<Membership> Memberships { get; }
    DbSet<Bucket> Buckets { get; }
    DbSet<ApiToken> ApiTokens { get; }
    DbSet<MachineKey> MachineKeys { get; }
    DbSet<AuditEvent> AuditEvents { get; }
    DatabaseFacade Database { get; }
    ChangeTracker ChangeTracker { get; }

    /// <summary>The instance the current request (or job) acts on.</summary>
    Guid CurrentInstanceId { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
