using Bootstrap.Api.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bootstrap.Api.Startup;

/// <summary>
/// Runs the <see cref="IStartupStep"/>s on a pool thread while the web host builds its pipeline and
/// binds its ports, instead of before it: on two cores that overlaps EF Core's model build with
/// ASP.NET Core's start (bench/README.md). <see cref="StartupGateMiddleware"/> holds requests until
/// the application has started, which is after these steps, so no request sees an unmigrated
/// database or a FirstRun section half applied. A failing step still fails the start. A step that needs
/// the tables waits for them when another process is to apply the migrations (<see cref="DatabaseSchema"/>).
/// </summary>
public sealed class StartupSequence(IEnumerable<IStartupStep> steps, DatabaseSchema schema) : IHostedLifecycleService
{
    private Task _run = Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _run = Task.Run(() => RunStepsAsync(cancellationToken), cancellationToken);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => _run;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RunStepsAsync(CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            if (step is INeedsMigratedDatabase && !schema.IsKnownMigrated)
            {
                schema.RunOnceMigrated(step);
                continue;
            }
            await step.RunAsync(cancellationToken);
        }
    }
}

public static class StartupStepServiceCollectionExtensions
{
    /// <summary>Adds a step after those already registered (the sequence itself is registered once).</summary>
    public static IServiceCollection AddStartupStep<TStep>(this IServiceCollection services) where TStep : class, IStartupStep
    {
        services.AddSingleton<TStep>();
        services.AddSingleton<IStartupStep>(provider => provider.GetRequiredService<TStep>());
        return services.AddHostedService<StartupSequence>();
    }
}
