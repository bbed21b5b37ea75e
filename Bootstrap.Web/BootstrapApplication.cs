using Bootstrap.Api;
using Bootstrap.Api.Common;
using Bootstrap.Api.Security;
using Bootstrap.Api.Telemetry;
using Bootstrap.Web.Cli;
using Bootstrap.Web.Errors;
using Bootstrap.Web.FirstRun;
using Bootstrap.Web.Hosting;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Bootstrap.Web;

/// <summary>The server: the wizard and the API in one process. <c>Program</c> runs it; the crash-test host runs it with one more service.</summary>
public static class BootstrapApplication
{
    /// <summary>
    /// Builds and runs the server until shutdown. A setting that must stop the start (an invalid FirstRun
    /// section, a proxy entry that is no address, a setting refused by start-up options validation such
    /// as a short <c>SystemApi:Token</c>) ends the process with the offending keys on stderr and
    /// <see cref="ExitCodes.InvalidConfiguration"/>, not a stack trace.
    /// </summary>
    public static async Task<int> RunServerAsync(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        try
        {
            await Create(args, configureServices).RunAsync();
            return ExitCodes.Success;
        }
        catch (Exception exception) when (exception is FirstRunConfigurationException or InvalidConfigurationException)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return ExitCodes.InvalidConfiguration;
        }
        catch (Exception exception) when (InvalidSettings(exception) is { Count: > 0 } failures)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, failures));
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

    public static WebApplication Create(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        // The content root is the build output, where the root appsettings.json is copied, whatever the working directory.
        // The slim builder leaves out IIS, HTTP/3 and hosting-startup assemblies, which this server never uses:
        // less to load at start (bench/README.md). HTTPS endpoints from configuration are added back.
        var (hostArgs, explicitUrls) = KestrelEndpoints.TakeExplicitUrls(args);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = hostArgs, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.UseBootstrapEndpoints(explicitUrls);
        // Serves MudBlazor's and the app's static files from the build output too (a published app has them in wwwroot).
        builder.WebHost.UseStaticWebAssets();
        // Under systemd: READY=1 once Kestrel listens, SIGTERM as a graceful stop, journald's log format. Elsewhere nothing.
        builder.Services.AddSystemd();
        // The slim builder fixes the console format; Logging:Console (e.g. FormatterName=json) decides again.
        builder.Services.Configure<ConsoleLoggerOptions>(builder.Configuration.GetSection("Logging:Console"));
        builder.Logging.AddTimestampsPerFormatter();
        // dotnet-trace and dotnet-monitor collect logs through EventSource.
        builder.Logging.AddEventSourceLogger();

        builder.Services.AddBootstrapApi(builder.Configuration);
        builder.Services.AddBootstrapTelemetry(builder.Configuration);
        builder.Services.AddBootstrapWeb(builder.Configuration);
        builder.Services.AddFirstRun();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseBootstrapErrorPage();
        app.UseBootstrapApi();
        app.UseAuthentication();
        app.UseSameOriginForCookieSessions();
        app.UseAuthorization();
        app.UseBootstrapWeb();
        app.MapBootstrapApi();
        app.MapMetrics(builder.Configuration);
        app.MapBootstrapWeb();
        return app;
    }
}
