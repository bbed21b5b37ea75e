using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bootstrap.Api.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<BootstrapDbContext>
{
    public BootstrapDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BootstrapDbContext>().UseSqlite("Data Source=design.db").Options, new CurrentInstance());
}
