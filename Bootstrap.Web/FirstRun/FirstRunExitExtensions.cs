using Bootstrap.Web.Cli;

namespace Bootstrap.Web.FirstRun;

public static class FirstRunExitExtensions
{
    /// <summary>
    /// Runs the server until shutdown. An invalid FirstRun section ends the process with the
    /// offending keys on stderr and <see cref="ExitCodes.InvalidConfiguration"/>, not a stack trace.
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
    }
}
