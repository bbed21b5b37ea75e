using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bootstrap.Api.Security.Callers;

/// <summary>Says at start, once the listening addresses are bound, when LoopbackExempt is in force as Required, and why.</summary>
public sealed class ClaimExemptionReport(ClaimExemption exemption, FirstRunGate gate, IOptions<SetupClaimOptions> options, ILogger<ClaimExemptionReport> logger)
    : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ClaimMode == exemption.EffectiveMode || await gate.IsCompletedAsync(cancellationToken))
        {
            return;
        }
        logger.LogWarning(
            "Setup:ClaimMode LoopbackExempt behaves as Required here, so local connections need the setup code too: {Exposure}. A proxy on this machine would make every client look local. Set Setup:LoopbackExemptWhenExposed=true to keep the exemption.",
            string.Join("; ", exemption.Exposure));
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
