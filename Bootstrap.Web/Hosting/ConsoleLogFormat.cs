using Microsoft.Extensions.Logging.Console;

namespace Bootstrap.Web.Hosting;

/// <summary>
/// One timestamp format, <c>Logging:Console:FormatterOptions:TimestampFormat</c> in appsettings.json, serves
/// every console formatter. The simple formatter writes it straight before the level, so it gets its
/// separating space here rather than as a trailing space in the JSON formatter's <c>Timestamp</c>; the
/// systemd formatter gets none, since journald stamps each line itself.
/// </summary>
public static class ConsoleLogFormat
{
    public static ILoggingBuilder AddTimestampsPerFormatter(this ILoggingBuilder logging)
    {
        logging.Services.PostConfigure<SimpleConsoleFormatterOptions>(options =>
        {
            if (options.TimestampFormat is { Length: > 0 } format && !char.IsWhiteSpace(format[^1]))
            {
                options.TimestampFormat = format + " ";
            }
        });
        // The systemd formatter's options are the base type itself; the simple and JSON formatters' derive from it.
        logging.Services.PostConfigure<ConsoleFormatterOptions>(options => options.TimestampFormat = null);
        return logging;
    }
}
