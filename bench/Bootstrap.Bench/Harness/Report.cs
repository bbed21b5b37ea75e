using System.Globalization;
using System.Text;

namespace Bootstrap.Bench.Harness;

/// <summary>The figures of one run, printed as they come and written as one Markdown table at the end.</summary>
public sealed class Report(BenchOptions options)
{
    private readonly List<(string Section, string Metric, string Value, string Note)> _rows = [];
    private readonly List<string> _notes = [];

    public void Add(string section, string metric, string value, string note = "")
    {
        _rows.Add((section, metric, value, note));
        Console.WriteLine($"  {section,-12} {metric,-58} {value,14}  {note}");
    }

    public void Note(string text)
    {
        _notes.Add(text);
        Console.WriteLine($"  note: {text}");
    }

    public static string Ms(double value) => value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Us(double value) => value.ToString("0", CultureInfo.InvariantCulture) + " µs";

    public static string Number(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    public static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

    public static string Kib(long bytes) => (bytes / 1024.0).ToString("0", CultureInfo.InvariantCulture) + " KiB";

    public static string Percent(double value) => (value * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    public async Task WriteAsync(string machine)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Bootstrap bench ({(options.Quick ? "quick" : "full")}), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(machine);
        text.AppendLine();
        text.AppendLine("| section | metric | value | note |");
        text.AppendLine("| --- | --- | ---: | --- |");
        foreach (var (section, metric, value, note) in _rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {section} | {metric} | {value} | {note} |");
        }
        if (_notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in _notes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(options.ResultsPath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        await File.WriteAllTextAsync(options.ResultsPath, text.ToString());
        Console.WriteLine($"Results written to {options.ResultsPath}");
    }
}
