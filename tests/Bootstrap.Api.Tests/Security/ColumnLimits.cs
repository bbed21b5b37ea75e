using Bootstrap.Api.Data;
using Bootstrap.Api.Data.Postgres;
using Bootstrap.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Tests.Security;

/// <summary>The limits of the string columns (<c>Entity.Property</c> → characters), read from the app's own EF model.</summary>
public static class ColumnLimits
{
    private static readonly Lazy<IReadOnlyDictionary<string, int>> Postgres = new(() => Read(DatabaseProvider.Postgres));

    public static IReadOnlyDictionary<string, int> Of(DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres ? Postgres.Value : Read(provider);

    /// <summary>PostgreSQL's limit: the provider that enforces it.</summary>
    public static int MaxLength(string column) => Postgres.Value[column];

    /// <summary>A value of <paramref name="length"/> characters that is well-formed for <paramref name="column"/>, so that only its length is wrong.</summary>
    public static string WellFormedValue(string column, int length) => column switch
    {
        _ when column.EndsWith("Email", StringComparison.Ordinal) => new string('a', length - "@x.test".Length) + "@x.test",
        _ when column.EndsWith("Domain", StringComparison.Ordinal) => DomainName(length),
        _ when column.EndsWith("Language", StringComparison.Ordinal) => "en-" + new string('a', length - 3),
        _ when column.EndsWith("PhoneNumber", StringComparison.Ordinal) => "+" + new string('1', length - 1),
        _ => new string('a', length),
    };

    /// <summary>Labels of at most 63 letters joined by dots.</summary>
    private static string DomainName(int length)
    {
        var name = "";
        while (name.Length < length)
        {
            var label = new string('a', Math.Min(63, length - name.Length - (name.Length == 0 ? 0 : 1)));
            name = name.Length == 0 ? label : $"{name}.{label}";
        }
        return name;
    }

    private static Dictionary<string, int> Read(DatabaseProvider provider)
    {
        using BootstrapDbContext db = provider == DatabaseProvider.Postgres
            ? new PostgresBootstrapDbContext(new DbContextOptionsBuilder<PostgresBootstrapDbContext>().UseNpgsql("Host=localhost").Options, new CurrentInstance())
            : new BootstrapDbContext(new DbContextOptionsBuilder<BootstrapDbContext>().UseSqlite("Data Source=:memory:").Options, new CurrentInstance());
        return db.Model.GetEntityTypes()
            .SelectMany(entity => entity.GetProperties()
                .Where(property => property.ClrType == typeof(string) && property.GetMaxLength() is not null)
                .Select(property => (Column: $"{entity.ClrType.Name}.{property.Name}", MaxLength: property.GetMaxLength()!.Value)))
            .ToDictionary(c => c.Column, c => c.MaxLength);
    }
}
