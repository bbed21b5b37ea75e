using System.Linq.Expressions;
using Bootstrap.Api.OAuth;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Zitadel;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bootstrap.Api.Data;

/// <summary>
/// The model, on SQLite by default. <see cref="Postgres.PostgresBootstrapDbContext"/> is the same model
/// with its own migrations; it also holds the data-protection keys that replicas share.
/// </summary>
public class BootstrapDbContext : IdentityUserContext<User, Guid>, IBootstrapDb, IDataProtectionKeyContext
{
    private readonly CurrentInstance _currentInstance;

    public BootstrapDbContext(DbContextOptions<BootstrapDbContext> options, CurrentInstance currentInstance)
        : this((DbContextOptions)options, currentInstance)
    {
    }

    /// <summary>For a provider's subclass: EF Core keys migrations by context type.</summary>
    protected BootstrapDbContext(DbContextOptions options, CurrentInstance currentInstance)
        : base(options) => _currentInstance = currentInstance;

    public DbSet<Instance> Instances => Set<Instance>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Bucket> Buckets => Set<Bucket>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<MachineKey> MachineKeys => Set<MachineKey>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<UsedAssertion> UsedAssertions => Set<UsedAssertion>();
    public DbSet<OidcSigningKey> OidcSigningKeys => Set<OidcSigningKey>();

    public Guid CurrentInstanceId => _currentInstance.Id;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Instance>(b =>
        {
            b.Property(i => i.Name).HasMaxLength(200);
            b.Property(i => i.CustomDomain).HasMaxLength(253);
            b.Property(i => i.DefaultLanguage).HasMaxLength(35);
            b.Property(i => i.ClaimTokenHash).HasMaxLength(32);
            b.HasIndex(i => i.Number).IsUnique();
            b.HasIndex(i => i.CustomDomain).IsUnique();
            b.HasData(new Instance
            {
                Id = Instance.FirstId,
                Number = 1,
                Name = "Bootstrap",
                CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            });
        });

        builder.Entity<Organization>(b =>
        {
            b.Property(o => o.Name).HasMaxLength(200);
            b.Property(o => o.Slug).HasMaxLength(200);
            b.Property(o => o.Domain).HasMaxLength(253);
            // Zitadel lets one organization of an instance verify a domain.
            b.HasIndex(o => new { o.InstanceId, o.Domain }).IsUnique();
            b.HasIndex(o => o.Number).IsUnique();
            b.HasIndex(o => new { o.InstanceId, o.Name }).IsUnique();
            b.HasOne<Instance>().WithMany().HasForeignKey(o => o.InstanceId);
        });

        builder.Entity<User>(b =>
        {
            // Identity makes user names unique globally; here they are unique per instance.
            var identityIndex = b.Metadata.GetIndexes().Single(i => i.GetDatabaseName() == "UserNameIndex");
            b.Metadata.RemoveIndex(identityIndex);
            b.HasIndex(u => new { u.InstanceId, u.NormalizedUserName }).IsUnique().HasDatabaseName("UserNameIndex");
            b.HasIndex(u => u.Number).IsUnique();
            b.Property(u => u.FirstName).HasMaxLength(200);
            b.Property(u => u.LastName).HasMaxLength(200);
            b.Property(u => u.DisplayName).HasMaxLength(200);
            b.Property(u => u.NickName).HasMaxLength(200);
            b.Property(u => u.PhoneNumber).HasMaxLength(ZitadelPhoneRules.MaxLength);
            b.Property(u => u.PreferredLanguage).HasMaxLength(35);
            b.HasOne<Instance>().WithMany().HasForeignKey(u => u.InstanceId);
        });

        builder.Entity<Membership>(b =>
        {
            b.HasIndex(m => new { m.UserId, m.OrganizationId }).IsUnique();
            b.HasOne<User>().WithMany().HasForeignKey(m => m.UserId);
            b.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId);
            b.HasOne<Instance>().WithMany().HasForeignKey(m => m.InstanceId);
        });

        builder.Entity<Bucket>(b =>
        {
            b.Property(x => x.Name).HasMaxLength(200);
            b.HasIndex(x => x.Number).IsUnique();
            b.HasIndex(x => new { x.OrganizationId, x.Name }).IsUnique();
            // Listings page in Number order within an instance or an organization: these let SQLite
            // walk the index and stop after one page instead of sorting every bucket.
            b.HasIndex(x => new { x.InstanceId, x.Number });
            b.HasIndex(x => new { x.OrganizationId, x.Number });
            b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId);
            b.HasOne<Instance>().WithMany().HasForeignKey(x => x.InstanceId);
            b.ToTable(t =>
            {
                t.HasCheckConstraint("CK_Buckets_Name_NoLeadingUnderscore", "substr(\"Name\", 1, 1) <> '_'");
                t.HasCheckConstraint("CK_Buckets_Retention", "\"RetentionSeconds\" = 0 OR \"RetentionSeconds\" >= 3600");
            });
        });

        builder.Entity<ApiToken>(b =>
        {
            b.Property(t => t.Description).HasMaxLength(400);
            b.Property(t => t.SecretHash).HasMaxLength(32);
            b.HasIndex(t => t.SecretHash).IsUnique();
            b.HasIndex(t => t.Number).IsUnique();
            b.HasIndex(t => new { t.InstanceId, t.UserId });
            b.HasOne<User>().WithMany().HasForeignKey(t => t.UserId);
            b.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId);
            b.HasOne<Instance>().WithMany().HasForeignKey(t => t.InstanceId);
        });

        builder.Entity<MachineKey>(b =>
        {
            b.HasIndex(k => k.Number).IsUnique();
            b.Property(k => k.PublicKeyPem).HasMaxLength(2048);
            b.HasOne<User>().WithMany().HasForeignKey(k => k.UserId);
            b.HasOne<Instance>().WithMany().HasForeignKey(k => k.InstanceId);
        });

        builder.Entity<AuditEvent>(b =>
        {
            b.Property(a => a.Action).HasMaxLength(64);
            b.Property(a => a.Subject).HasMaxLength(AuditEvent.SubjectMaxLength);
            b.Property(a => a.Detail).HasMaxLength(AuditEvent.DetailMaxLength);
            b.Property(a => a.RemoteAddress).HasMaxLength(64);
            b.HasIndex(a => new { a.InstanceId, a.OccurredAt });
        });

        builder.Entity<UsedAssertion>(b =>
        {
            b.HasKey(a => new { a.InstanceId, a.KeyHash });
            b.Property(a => a.KeyHash).HasMaxLength(32);
            b.HasIndex(a => a.RememberUntil);
            b.HasOne<Instance>().WithMany().HasForeignKey(a => a.InstanceId);
        });

        builder.Entity<OidcSigningKey>(b =>
        {
            b.HasKey(k => k.Generation);
            b.Property(k => k.Generation).ValueGeneratedNever();
            b.Property(k => k.KeyId).HasMaxLength(32);
        });

        ApplyInstanceFilters(builder);
    }

    private void ApplyInstanceFilters(ModelBuilder builder)
    {
        foreach (var entityType in builder.Model.GetEntityTypes().Where(t => typeof(IInstanceScoped).IsAssignableFrom(t.ClrType)))
        {
            var parameter = Expression.Parameter(entityType.ClrType, "e");
            var filter = Expression.Lambda(
                Expression.Equal(
                    Expression.Property(parameter, nameof(IInstanceScoped.InstanceId)),
                    Expression.Property(Expression.Constant(this), nameof(CurrentInstanceId))),
                parameter);
            builder.Entity(entityType.ClrType).HasQueryFilter(filter);
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => value.ToUniversalTime(),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        value => value.HasValue ? value.Value.ToUniversalTime() : null,
        value => value.HasValue ? DateTime.SpecifyKind(value.Value, DateTimeKind.Utc) : null);
}
