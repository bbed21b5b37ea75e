using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Security;
using Microsoft.Data.Sqlite;

namespace Bootstrap.Bench.Scale;

/// <summary>
/// Fills a set-up database with more tokens and buckets straight through SQLite: each new row copies
/// the existing operator token (or first bucket) and changes only what must be unique, so it always
/// matches the current schema, whatever columns later migrations add.
/// </summary>
public static class Seeder
{
    /// <returns>The secrets of the added tokens (kept in memory, never printed).</returns>
    public static IReadOnlyList<string> Seed(string databasePath, int extraTokens, int extraBuckets)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();

        var secrets = new List<string>(extraTokens);
        using (var insert = CopyRowCommand(connection, transaction, "ApiTokens", ["Id", "Number", "SecretHash", "Description", "LastUsedAt"]))
        {
            for (var i = 0; i < extraTokens; i++)
            {
                var secret = Secrets.NewToken();
                secrets.Add(secret);
                Bind(insert, Guid.NewGuid(), Ids.NewNumber());
                insert.Parameters["@SecretHash"].Value = Secrets.Hash(secret);
                insert.Parameters["@Description"].Value = $"bench token {i}";
                insert.Parameters["@LastUsedAt"].Value = DBNull.Value;
                insert.ExecuteNonQuery();
            }
        }

        using (var insert = CopyRowCommand(connection, transaction, "Buckets", ["Id", "Number", "Name"]))
        {
            for (var i = 0; i < extraBuckets; i++)
            {
                Bind(insert, Guid.NewGuid(), Ids.NewNumber());
                insert.Parameters["@Name"].Value = $"bench-{i:D6}";
                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        return secrets;
    }

    private static void Bind(SqliteCommand insert, Guid id, long number)
    {
        // EF Core's SQLite provider stores GUIDs as upper-case text.
        insert.Parameters["@Id"].Value = id.ToString().ToUpperInvariant();
        insert.Parameters["@Number"].Value = number;
    }

    /// <summary><c>INSERT INTO t (all columns) SELECT @changed or the template's value FROM t WHERE rowid = first row</c>.</summary>
    private static SqliteCommand CopyRowCommand(SqliteConnection connection, SqliteTransaction transaction, string table, string[] changed)
    {
        var columns = new List<string>();
        using (var info = connection.CreateCommand())
        {
            info.Transaction = transaction;
            info.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
            using var reader = info.ExecuteReader();
            while (reader.Read())
            {
                columns.Add(reader.GetString(0));
            }
        }

        long templateRow;
        using (var first = connection.CreateCommand())
        {
            first.Transaction = transaction;
            first.CommandText = $"""SELECT rowid FROM "{table}" ORDER BY "CreatedAt" LIMIT 1""";
            templateRow = (long)first.ExecuteScalar()!;
        }

        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var values = columns.Select(c => changed.Contains(c) ? $"@{c}" : $"\"{c}\"");
        command.CommandText = $"""
            INSERT INTO "{table}" ({string.Join(", ", columns.Select(c => $"\"{c}\""))})
            SELECT {string.Join(", ", values)} FROM "{table}" WHERE rowid = {templateRow}
            """;
        foreach (var column in changed)
        {
            command.Parameters.Add(new SqliteParameter($"@{column}", DBNull.Value));
        }
        command.Prepare();
        return command;
    }
}
