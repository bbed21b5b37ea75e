using System.CommandLine;

namespace Bootstrap.Web.Cli;

/// <summary>One <c>--name</c> option of a verb; <see cref="ValueName"/> is null for a flag.</summary>
public sealed record CliOption(string Name, string? ValueName, string Help)
{
    /// <summary>The System.CommandLine option: a flag takes no value at all, so <c>--json false</c> is a usage error, not a silent no.</summary>
    public Option ToOption() => ValueName is null
        ? new Option<bool>($"--{Name}") { Description = Help, Arity = ArgumentArity.Zero }
        : new Option<string>($"--{Name}") { Description = Help, HelpName = ValueName };
}

/// <summary>A wrong command line found by a verb itself (two options that exclude each other, a malformed value).</summary>
public sealed class CliUsageException(string message) : Exception(message);

/// <summary>The options of one parsed verb command line, by their names without the dashes.</summary>
public sealed class CliArguments(ParseResult parseResult, IReadOnlyDictionary<string, Option> options)
{
    public bool Flag(string name) => parseResult.GetValue((Option<bool>)options[name]);

    public string? Value(string name) => parseResult.GetValue((Option<string>)options[name]);

    /// <summary>Whether the command line names the option (a flag's <c>false</c> default does not count).</summary>
    public bool Has(string name) => parseResult.GetResult(options[name]) is { Implicit: false };

    public string Required(string name) =>
        Value(name) is { Length: > 0 } value ? value : throw new CliUsageException($"option '--{name}' is required");
}
