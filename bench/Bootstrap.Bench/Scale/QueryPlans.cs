using System.Text.RegularExpressions;
using Bootstrap.Bench.Harness;
using Microsoft.Data.Sqlite;

namespace Bootstrap.Bench.Scale;

/// <summary>SQLite's <c>EXPLAIN QUERY PLAN</c> for a statement the app really sent, with the parameters it bound.</summary>
public static partial class QueryPlans
{
    public static IReadOnlyList<string> Explain(string databasePath, CapturedCommand command)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.Text;
        foreach (var (name, value) in command.Parameters)
        {
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var depth = new Dictionary<long, int> { [0] = 0 };
        var lines = new List<string>();
        using var reader = explain.ExecuteReader();
        while (reader.Read())
        {
            var level = depth.GetValueOrDefault(reader.GetInt64(1)) + 1;
            depth[reader.GetInt64(0)] = level;
            lines.Add(new string(' ', 2 * (level - 1)) + reader.GetString(3));
        }
        return lines;
    }

    /// <summary>Steps whose cost grows with the table: a scan of a table not bounded by an index, or a sort of its rows.</summary>
    public static IReadOnlyList<string> GrowingSteps(IEnumerable<string> plan) =>
        plan.Select(line => line.Trim()).Where(line => FullScan().IsMatch(line) || line.Contains("TEMP B-TREE", StringComparison.Ordinal)).ToList();

    [GeneratedRegex(@"^SCAN \S+$")]
    private static partial Regex FullScan();
}
