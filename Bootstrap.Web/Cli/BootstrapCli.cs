using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text;

namespace Bootstrap.Web.Cli;

/// <summary>
/// The operator verbs of the same executable: <c>dotnet Bootstrap.Web.dll &lt;verb&gt; [options]</c>, parsed by
/// System.CommandLine (help per verb, <c>--version</c>, the <c>[suggest]</c> completion directive). Which command
/// lines run the server instead is <see cref="ServerCommandLine"/>'s rule.
/// </summary>
public static class BootstrapCli
{
    public const string ToolName = "Bootstrap.Web";

    private static readonly ICliVerb[] Verbs =
    [
        new SetupVerb(), new StatusVerb(), new RecoverAdminVerb(), new RotateTokenVerb(),
        new MigrateVerb(),
        new BackupVerb(),
        new RestoreVerb(),
    ];

    // "@file" would read arguments from a file: a surprise for a value such as an organization name.
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    public static Task<int> RunAsync(string[] args) => RunAsync(args, CliConsole.System);

    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var root = CreateCommand(console);
            var parsed = root.Parse(args, Parsing);
            if (parsed.Action is ParseErrorAction)
            {
                await ReportUsageErrorAsync(root, parsed, [.. parsed.Errors.Select(e => e.Message)], console);
                return ExitCodes.Usage;
            }
            // Ctrl+C is handled above, so that a verb reports what it left undone instead of being cut off.
            return await parsed.InvokeAsync(
                new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null },
                cancellation.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static RootCommand CreateCommand(CliConsole console)
    {
        var root = new RootCommand(ToolDescription);
        // Reached only with a directive and no verb: the server was not asked for either.
        root.SetAction(async parsed =>
        {
            await ReportUsageErrorAsync(root, parsed, ["a verb is needed"], console);
            return ExitCodes.Usage;
        });
        var epilogues = new Dictionary<Command, string> { [root] = ToolEpilogue() };
        foreach (var verb in Verbs)
        {
            var command = new Command(verb.Name, verb.Summary);
            var options = verb.Options.ToDictionary(o => o.Name, o => o.ToOption(), StringComparer.Ordinal);
            foreach (var option in options.Values)
            {
                command.Add(option);
            }
            command.SetAction((parsed, cancellationToken) => RunVerbAsync(verb, new CliArguments(parsed, options), console, cancellationToken));
            epilogues[command] = verb.Description;
            root.Add(command);
        }
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithEpilogue((HelpAction)help.Action!, epilogues);
        return root;
    }

    private static async Task<int> RunVerbAsync(ICliVerb verb, CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        try
        {
            return await verb.RunAsync(arguments, console, cancellationToken);
        }
        catch (CliUsageException exception)
        {
            await console.Error.WriteLineAsync($"{ToolName} {verb.Name}: {exception.Message}");
            await console.Error.WriteLineAsync($"Run '{ToolName} {verb.Name} --help' for usage.");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync($"{ToolName} {verb.Name}: cancelled; nothing was committed.");
            return ExitCodes.Failure;
        }
        catch (System.Data.Common.DbException exception)
        {
            await console.Error.WriteLineAsync($"{ToolName} {verb.Name}: database error: {exception.Message}");
            return ExitCodes.Unavailable;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await console.Error.WriteLineAsync($"{ToolName} {verb.Name}: {exception.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>An unknown verb or option, a missing value: the reasons, then the usage of the command that was meant, all on stderr.</summary>
    private static async Task ReportUsageErrorAsync(RootCommand root, ParseResult parsed, IReadOnlyList<string> errors, CliConsole console)
    {
        var path = new List<string>();
        for (var result = parsed.CommandResult; result.Command is not RootCommand; result = (System.CommandLine.Parsing.CommandResult)result.Parent!)
        {
            path.Insert(0, result.Command.Name);
        }
        var prefix = string.Join(' ', [ToolName, .. path]);
        foreach (var error in errors)
        {
            await console.Error.WriteLineAsync($"{prefix}: {error}");
        }
        await console.Error.WriteLineAsync();
        await root.Parse([.. path, "--help"], Parsing).InvokeAsync(new InvocationConfiguration { Output = console.Error });
    }

    private const string ToolDescription = """
        Bootstrap: the first-run setup service. Without a verb, runs the server: with no arguments, or with
        ASP.NET Core's own (--urls URL, --environment NAME, any configuration key as --Key=value or --Key value).
        Run as 'dotnet Bootstrap.Web.dll <verb>' or 'dotnet run --project Bootstrap.Web -- <verb>'.
        """;

    private static string ToolEpilogue()
    {
        var text = new StringBuilder();
        text.AppendLine("Offline verbs use the server's configuration: appsettings.json beside the executable and");
        text.AppendLine("environment variables such as ConnectionStrings__Bootstrap and Database__Provider.");
        text.AppendLine();
        text.AppendLine("Exit codes:");
        text.AppendLine($"  {ExitCodes.Success,-3} success");
        text.AppendLine($"  {ExitCodes.Failure,-3} unexpected failure (including a server error)");
        text.AppendLine($"  {ExitCodes.InvalidInput,-3} input refused by validation");
        text.AppendLine($"  {ExitCodes.AlreadySetUp,-3} already set up");
        text.AppendLine($"  {ExitCodes.Unavailable,-3} server or database unreachable");
        text.AppendLine($"  {ExitCodes.Unauthorized,-3} setup code required or wrong");
        text.AppendLine($"  {ExitCodes.NotFound,-3} not set up yet, or no such user");
        text.AppendLine($"  {ExitCodes.Usage,-3} wrong command line (unknown verb or option, missing value)");
        text.AppendLine($"  {ExitCodes.InvalidConfiguration,-3} (server start) invalid configuration");
        text.AppendLine("  migrate has its own: 0 up to date, 1 pending (--dry-run), 2 failed (see 'migrate --help')");
        return text.ToString();
    }

    /// <summary>System.CommandLine's help, then the command's own paragraphs: examples for a verb, exit codes for the tool.</summary>
    private sealed class HelpWithEpilogue(HelpAction help, IReadOnlyDictionary<Command, string> epilogues) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var exitCode = help.Invoke(parseResult);
            if (epilogues.TryGetValue(parseResult.CommandResult.Command, out var epilogue))
            {
                parseResult.InvocationConfiguration.Output.WriteLine(epilogue.TrimEnd());
                parseResult.InvocationConfiguration.Output.WriteLine();
            }
            return exitCode;
        }
    }
}
