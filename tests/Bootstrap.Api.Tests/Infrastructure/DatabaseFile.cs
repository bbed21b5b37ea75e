using Bootstrap.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Tests.Infrastructure;

/// <summary>Reads a database file that app processes wrote, through the app's own model.</summary>
public static class DatabaseFile
{
    public static async Task<T> QueryAsync<T>(string databasePath, Func<BootstrapDbContext, Task<T>> query)
    {
        // No pooling: the test must not keep the file open after it has looked.
        var options = new DbContextOptionsBuilder<BootstrapDbContext>().UseSqlite($"Data Source={databasePath};Pooling=False").Options;
        await using var db = new BootstrapDbContext(options, new CurrentInstance());
        return await query(db);
    }

    /// <summary>The rows any setup path creates, across all instances.</summary>
    public static Task<SetupRows> ReadSetupRowsAsync(string databasePath) => QueryAsync(databasePath, async db => new SetupRows(
        await db.Instances.Where(i => i.SetupCompletedAt != null).CountAsync(),
        await db.Organizations.IgnoreQueryFilters().Select(o => o.Name).ToListAsync(),
        await db.Users.IgnoreQueryFilters().Select(u => u.UserName!).ToListAsync(),
        await db.Buckets.IgnoreQueryFilters().CountAsync(),
        await db.ApiTokens.IgnoreQueryFilters().CountAsync(),
        await db.Memberships.IgnoreQueryFilters().CountAsync()));
}

public sealed record SetupRows(
    int CompletedInstances,
    IReadOnlyList<string> Organizations,
    IReadOnlyList<string> Users,
    int Buckets,
    int ApiTokens,
    int Memberships);
