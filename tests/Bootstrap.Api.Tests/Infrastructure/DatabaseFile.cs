using Bootstrap.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Tests.Infrastructure;

/// <summary>Reads a database file that app processes wrote, through the app's own model.</summary>
public static class DatabaseFile
{
    /// <summary>The rows any setup path creates, across all instances.</summary>
    public static async Task<SetupRows> ReadSetupRowsAsync(string databasePath)
    {
        // No pooling: the test must not keep the file open after it has looked.
        var options = new DbContextOptionsBuilder<BootstrapDbContext>().UseSqlite($"Data Source={databasePath};Pooling=False").Options;
        await using var db = new BootstrapDbContext(options, new CurrentInstance());
        return new SetupRows(
            await db.Instances.CountAsync(i => i.SetupCompletedAt != null),
            await db.Organizations.IgnoreQueryFilters().Select(o => o.Name).ToListAsync(),
            await db.Users.IgnoreQueryFilters().Select(u => u.UserName!).ToListAsync(),
            await db.Buckets.IgnoreQueryFilters().CountAsync(),
            await db.ApiTokens.IgnoreQueryFilters().CountAsync(),
            await db.Memberships.IgnoreQueryFilters().CountAsync());
    }
}

public sealed record SetupRows(
    int CompletedInstances,
    IReadOnlyList<string> Organizations,
    IReadOnlyList<string> Users,
    int Buckets,
    int ApiTokens,
    int Memberships);
