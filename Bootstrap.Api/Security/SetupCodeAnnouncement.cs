using Bootstrap.Api.Data;
using Bootstrap.Api.Security.Callers;
using Bootstrap.Api.Startup;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bootstrap.Api.Security;

/// <summary>
/// Says once per start, after every start-up step ran, where the setup code is: a FirstRun section may
/// have completed setup by then, and a replica that found the file already written says so too.
/// Only the path is logged, never the code. When another process is to apply the migrations, the code
/// only exists once they are applied: it is announced then, after the steps that waited for them.
/// </summary>
public sealed class SetupCodeAnnouncement(
    SetupCodeFile file, ClaimExemption exemption, FirstRunGate gate, DatabaseSchema schema, ILogger<SetupCodeAnnouncement> logger)
    : IHostedLifecycleService, IStartupStep
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (schema.IsKnownMigrated)
        {
            await RunAsync(cancellationToken);
        }
        else
        {
            schema.RunOnceMigrated(this);
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (exemption.EffectiveMode == ClaimMode.Disabled || await gate.IsCompletedAsync(cancellationToken))
        {
            return;
        }
        logger.LogWarning(
            "Setup is not complete. The one-time setup code is in {SetupCodePath} (cat {SetupCodePath}): the setup wizard asks remote browsers for it, and scripts send it in the X-Setup-Token header (influx clients: Authorization: Token, or influx setup --token). Direct local connections need none in LoopbackExempt mode while the server listens on loopback only and no proxy is listed (claim mode in force: {ClaimMode}).",
            file.FullPath, file.FullPath, exemption.EffectiveMode);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
