using System.Globalization;
using System.Text.Json;
using Bootstrap.Api.Native.Setup;
using Bootstrap.Domain.Setup;
using Bootstrap.Web.Setup;

namespace Bootstrap.Web.Cli;

/// <summary><c>status</c>: whether the first run is done, by which channel and when (GET /api/setup).</summary>
public sealed class StatusVerb : ICliVerb
{
    public string Name => "status";

    public string Summary => "Tell whether setup is done, by which channel and when.";

    public string Description => $"""
        Tells whether the first run has been completed, when, and by which channel (wizard, api,
        config or cli). Asks the server at {SetupVerb.DefaultUrl} unless --url or --offline is given.
        Exits 0 either way; scripts read "allowed" from --json.
        """;

    public IReadOnlyList<CliOption> Options { get; } =
    [
        new("url", "URL", $"Server to ask (default {SetupVerb.DefaultUrl})."),
        new("offline", null, "Read the database directly instead of asking a running server."),
        new("json", null, "Print {allowed, completedAt, channel} as JSON."),
    ];

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        if (arguments.Has("offline") && arguments.Has("url"))
        {
            throw new CliUsageException("choose either --url or --offline");
        }

        SetupStatusResponse status;
        if (arguments.Flag("offline"))
        {
            await using var host = await OfflineHost.StartAsync(cancellationToken);
            var firstRun = await host.Get<SetupService>().GetFirstRunStatusAsync(cancellationToken);
            status = new(firstRun.Allowed, firstRun.CompletedAt, firstRun.Channel?.ToWire());
        }
        else
        {
            var url = CliHttp.ParseUrl(arguments.Value("url") ?? SetupVerb.DefaultUrl);
            using var http = CliHttp.CreateClient(url);
            try
            {
                status = await new SetupApiClient(http, relay: null).GetStatusAsync(cancellationToken);
            }
            catch (HttpRequestException exception) when (exception.StatusCode is { } code)
            {
                await console.Error.WriteLineAsync($"status: the server answered {(int)code}: {exception.Message}");
                return ExitCodes.Failure;
            }
            catch (HttpRequestException exception)
            {
                await console.Error.WriteLineAsync($"status: cannot reach {url}: {exception.Message}");
                return ExitCodes.Unavailable;
            }
        }

        if (arguments.Flag("json"))
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(status, CliJson.WithNulls));
        }
        else
        {
            await console.Out.WriteLineAsync(status.Allowed
                ? "Not set up yet: setup is allowed."
                : $"Set up at {status.CompletedAt?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)} by channel {status.Channel}.");
        }
        return ExitCodes.Success;
    }
}
