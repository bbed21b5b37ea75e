namespace Bootstrap.Web.Cli;

/// <summary>One <c>--name</c> option of a verb; <see cref="ValueName"/> is null for a flag.</summary>
public sealed record CliOption(string Name, string? ValueName, string Help);

/// <summary>A wrong command line; reported on stderr with a pointer to <c>--help</c>.</summary>
public sealed class CliUsageException(string message) : Exception(message);

/// <summary>
/// The parsed options of one verb: <c>--name value</c>, <c>--name=value</c> and flags. Anything the
/// verb does not declare is an error, so a typo never silently drops a setting.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public bool HelpRequested { get; private set; }

    public static CliArguments Parse(IReadOnlyList<string> args, IReadOnlyList<CliOption> options)
    {
        var parsed = new CliArguments();
        var byName = options.ToDictionary(o => o.Name, StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                parsed.HelpRequested = true;
                continue;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new CliUsageException($"unexpected argument '{arg}'");
            }
            var equals = arg.IndexOf('=');
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            if (!byName.TryGetValue(name, out var option))
            {
                throw new CliUsageException($"unknown option '--{name}'");
            }
            if (option.ValueName is null)
            {
                if (equals >= 0)
                {
                    throw new CliUsageException($"option '--{name}' takes no value");
                }
                parsed._flags.Add(name);
                continue;
            }
            string value;
            if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !(args[i + 1].StartsWith("--", StringComparison.Ordinal) && args[i + 1].Length > 2))
            {
                value = args[++i];
            }
            else
            {
                throw new CliUsageException($"option '--{name}' needs a value ({option.ValueName})");
            }
            if (!parsed._values.TryAdd(name, value))
            {
                throw new CliUsageException($"option '--{name}' was given twice");
            }
        }
        return parsed;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public bool Has(string name) => _flags.Contains(name) || _values.ContainsKey(name);

    public string Required(string name) =>
        Value(name) is { Length: > 0 } value ? value : throw new CliUsageException($"option '--{name}' is required");
}
