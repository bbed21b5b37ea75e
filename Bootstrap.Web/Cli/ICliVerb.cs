namespace Bootstrap.Web.Cli;

/// <summary>One verb of the executable (<c>setup</c>, <c>status</c>, ...).</summary>
public interface ICliVerb
{
    string Name { get; }

    /// <summary>One line for the tool's verb list.</summary>
    string Summary { get; }

    /// <summary>The paragraphs of the verb's <c>--help</c>, after its usage line.</summary>
    string Description { get; }

    IReadOnlyList<CliOption> Options { get; }

    Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken);
}

/// <summary>The verb's standard streams: results on <see cref="Out"/>, diagnostics on <see cref="Error"/>.</summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error)
{
    public static CliConsole System { get; } = new(Console.In, Console.Out, Console.Error) { Terminal = new SystemTerminal() };

    /// <summary>The keyboard, for prompts; null where there is none to ask (redirected streams, tests).</summary>
    public ITerminal? Terminal { get; init; }
}
