using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bootstrap.Api.Data.Postgres;

/// <summary>
/// The same model on PostgreSQL, for several replicas sharing one database. A separate type only
/// so that its migrations (in <c>Migrations/</c> beside it) are kept apart from SQLite's.
/// </summary>
public sealed class PostgresBootstrapDbContext(DbContextOptions<PostgresBootstrapDbContext> options, CurrentInstance currentInstance)
    : BootstrapDbContext(options, currentInstance);

/// <summary>
/// Lets <c>dotnet ef migrations add &lt;Name&gt; --project Bootstrap.Api --context PostgresBootstrapDbContext
/// --output-dir Data/Postgres/Migrations</c> build the model without a server.
/// </summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresBootstrapDbContext>
{
    public PostgresBootstrapDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresBootstrapDbContext>().UseNpgsql("Host=localhost;Database=bootstrap_design").Options, new CurrentInstance());
}
