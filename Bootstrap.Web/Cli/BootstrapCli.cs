using System.Text;

namespace Bootstrap.Web.Cli;

/// <summary>
/// The operator verbs of the same executable: <c>dotnet Bootstrap.Web.dll &lt;verb&gt; [options]</c>.
/// Without a verb the executable runs the server.
/// </summary>
public static class BootstrapCli
{
    public const string ToolName = "Bootstrap.Web";

    private static readonly ICliVerb[] Verbs = [new SetupVerb(), new StatusVerb(), new RecoverAdminVerb(), new RotateTokenVerb()];

    private static readonly HashSet<string> ToolHelp = new(StringComparer.Ordinal) { "help", "--help", "-h" };

    /// <summary>True when the first argument names a verb or asks for help; server options such as <c>--urls</c> are not verbs.</summary>
    public static bool IsVerb(string[] args) =>
        args.Length > 0 && (ToolHelp.Contains(args[0]) || Verbs.Any(v => v.Name == args[0]));

    public static Task<int> RunAsync(string[] args) => RunAsync(args, CliConsole.System);

    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        if (ToolHelp.Contains(args[0]))
        {
            var verb = args.Length > 1 ? Verbs.FirstOrDefault(v => v.Name == args[1]) : null;
            await console.Out.WriteAsync(verb is null ? ToolUsage() : VerbUsage(verb));
            return ExitCodes.Success;
        }

        var selected = Verbs.Single(v => v.Name == args[0]);
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var arguments = CliArguments.Parse(args[1..], selected.Options);
            if (arguments.HelpRequested)
            {
                await console.Out.WriteAsync(VerbUsage(selected));
                return ExitCodes.Success;
            }
            return await selected.RunAsync(arguments, console, cancellation.Token);
        }
        catch (CliUsageException exception)
        {
            await console.Error.WriteLineAsync($"{ToolName} {selected.Name}: {exception.Message}");
            await console.Error.WriteLineAsync($"Run '{ToolName} {selected.Name} --help' for usage.");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync($"{ToolName} {selected.Name}: cancelled; nothing was committed.");
            return ExitCodes.Failure;
        }
        catch (System.Data.Common.DbException exception)
        {
            await console.Error.WriteLineAsync($"{ToolName} {selected.Name}: database error: {exception.Message}");
            return ExitCodes.Unavailable;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await console.Error.WriteLineAsync($"{ToolName} {selected.Name}: {exception.Message}");
            return ExitCodes.Failure;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static string ToolUsage()
    {
        var text = new StringBuilder();
        text.AppendLine($"Usage: {ToolName} [<verb> [options]]");
        text.AppendLine();
        text.AppendLine("Without a verb, runs the server (options: --urls, and any configuration key as --Key=value).");
        text.AppendLine("Run as 'dotnet Bootstrap.Web.dll <verb>' or 'dotnet run --project Bootstrap.Web -- <verb>'.");
        text.AppendLine();
        text.AppendLine("Verbs:");
        foreach (var verb in Verbs)
        {
            text.AppendLine($"  {verb.Name,-15} {verb.Summary}");
        }
        text.AppendLine();
        text.AppendLine($"Run '{ToolName} <verb> --help' for a verb's options.");
        text.AppendLine();
        text.AppendLine("Offline verbs use the server's configuration: appsettings.json beside the executable and");
        text.AppendLine("environment variables such as ConnectionStrings__Bootstrap and Database__Provider.");
        text.AppendLine();
        text.AppendLine("Exit codes:");
        text.AppendLine($"  {ExitCodes.Success,-3} success");
        text.AppendLine($"  {ExitCodes.Failure,-3} unexpected failure (including a server error)");
        text.AppendLine($"  {ExitCodes.Usage,-3} wrong command line");
        text.AppendLine($"  {ExitCodes.InvalidInput,-3} input refused by validation");
        text.AppendLine($"  {ExitCodes.AlreadySetUp,-3} already set up");
        text.AppendLine($"  {ExitCodes.Unavailable,-3} server or database unreachable");
        text.AppendLine($"  {ExitCodes.Unauthorized,-3} setup claim token required or wrong");
        text.AppendLine($"  {ExitCodes.NotFound,-3} not set up yet, or no such user");
        text.AppendLine($"  {ExitCodes.InvalidConfiguration,-3} (server start) invalid FirstRun configuration");
        return text.ToString();
    }

    private static string VerbUsage(ICliVerb verb)
    {
        var text = new StringBuilder();
        text.AppendLine($"Usage: {ToolName} {verb.Name} [options]");
        text.AppendLine();
        text.AppendLine(verb.Description.TrimEnd());
        text.AppendLine();
        text.AppendLine("Options:");
        foreach (var option in verb.Options.Append(new CliOption("help", null, "Show this help.")))
        {
            var left = option.ValueName is null ? $"--{option.Name}" : $"--{option.Name} {option.ValueName}";
            text.AppendLine($"  {left,-28} {option.Help}");
        }
        return text.ToString();
    }
}
