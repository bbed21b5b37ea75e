using Bootstrap.Web.Cli;
using Microsoft.Extensions.Options;

namespace Bootstrap.Web.FirstRun;

public static class FirstRunExitExtensions
{
    /// <summary>
    /// Runs the server until shutdown. An invalid FirstRun section, or a setting refused by start-up
    /// validation (e.g. a short <c>SystemApi:Token</c>), ends the process with the offending keys on
    /// stderr and <see cref="ExitCodes.InvalidConfiguration"/>, not a stack trace.
    /// </summary>
    public static async Task<int> RunServerAsync(this WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return ExitCodes.Success;
        }
        catch (FirstRunConfigurationException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return ExitCodes.InvalidConfiguration;
        }
        catch (Exception exception) when (InvalidSettings(exception) is { Count: > 0 } failures)
        {
            await Console.Error.WriteLineAsync(
                "The configuration is invalid; the server did not start:" + string.Concat(failures.Select(f => $"{Environment.NewLine}  {f}")));
            return ExitCodes.InvalidConfiguration;
        }
    }

    /// <summary>The failures of start-up options validation, which throws one exception per options type (aggregated when several).</summary>
    private static List<string>? InvalidSettings(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException { InnerExceptions: var inner } when inner.All(e => e is OptionsValidationException) =>
            [.. inner.Cast<OptionsValidationException>().SelectMany(e => e.Failures)],
        _ => null,
    };
}
