using System.Text.RegularExpressions;

namespace Bootstrap.Web.Cli;

/// <summary>
/// Which command lines run the server: none at all, or only ASP.NET Core's configuration arguments
/// (<c>--urls URL</c>, <c>--environment NAME</c>, <c>--Key=value</c>, <c>--Key value</c>, <c>Key=value</c>).
/// Everything else goes to the CLI, so a mistyped verb or a lone flag is a usage error, never a server
/// that starts listening by surprise.
/// </summary>
public static partial class ServerCommandLine
{
    /// <summary>Options of the CLI itself: with or without a value they never mean a configuration key.</summary>
    private static readonly HashSet<string> CliOptions = new(StringComparer.OrdinalIgnoreCase) { "help", "version" };

    public static bool StartsServer(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var name = arg[2..];
                var equals = name.IndexOf('=', StringComparison.Ordinal);
                var key = equals < 0 ? name : name[..equals];
                if (!ConfigurationKey().IsMatch(key) || CliOptions.Contains(key))
                {
                    return false;
                }
                if (equals < 0)
                {
                    // "--Key value": a lone "--Key" (or one followed by another option) is no configuration.
                    if (i + 1 >= args.Count || args[i + 1].StartsWith('-'))
                    {
                        return false;
                    }
                    i++;
                }
            }
            else if (!(arg.IndexOf('=', StringComparison.Ordinal) is > 0 and var equals && ConfigurationKey().IsMatch(arg[..equals])))
            {
                return false;
            }
        }
        return true;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.:\-]*$")]
    private static partial Regex ConfigurationKey();
}
