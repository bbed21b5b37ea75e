using System.Data.Common;
using Bootstrap.Api.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bootstrap.Api.Data;

/// <summary>
/// Whether this process has seen every migration applied. With <c>Database:MigrateAtStart</c> false another
/// process (the <c>migrate</c> verb, a Kubernetes Job) applies them while the server runs: the start-up steps
/// that use the tables (<see cref="INeedsMigratedDatabase"/>: the claim token, the FirstRun section) wait
/// here and run the first time a readiness probe or a request finds nothing pending. "Migrated" is
/// remembered once seen, so a request pays for no check after that.
/// </summary>
public sealed class DatabaseSchema(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<DatabaseSchema> logger) : IDisposable
{
    private readonly SemaphoreSlim _checking = new(1, 1);
    private readonly List<IStartupStep> _waitingSteps = [];
    private volatile bool _migrated;
    private volatile bool _waitingStepFailed;

    public bool IsKnownMigrated => _migrated;

    /// <summary>Holds a start-up step until the migrations are seen applied.</summary>
    public void RunOnceMigrated(IStartupStep step)
    {
        lock (_waitingSteps)
        {
            _waitingSteps.Add(step);
        }
    }

    /// <summary>This process applied (or found) every migration at start.</summary>
    public void MarkMigrated() => _migrated = true;

    /// <summary>Looks again unless already seen migrated; an unreachable or unreadable database counts as not migrated.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return true;
        }
        int pending;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            pending = (await scope.ServiceProvider.GetRequiredService<BootstrapDbContext>().Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        }
        catch (DbException)
        {
            return false;
        }
        return pending == 0 && await ConfirmMigratedAsync(cancellationToken);
    }

    /// <summary>
    /// The caller has just found nothing pending: runs the start-up steps that waited for that, once, and
    /// then answers true. A step that fails stops the server, as it would have stopped the start: the next
    /// start runs it again before serving and reports why it fails (exit 78 for an invalid FirstRun section).
    /// </summary>
    public async Task<bool> ConfirmMigratedAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return true;
        }
        await _checking.WaitAsync(cancellationToken);
        try
        {
            if (_migrated || _waitingStepFailed)
            {
                return _migrated;
            }
            List<IStartupStep> steps;
            lock (_waitingSteps)
            {
                steps = [.. _waitingSteps];
            }
            logger.LogInformation("Database migrations found applied by another process; running the {Count} start-up step(s) that waited for them", steps.Count);
            foreach (var step in steps)
            {
                try
                {
                    // The stopping token, not the probe's: a probe that gives up must not cut a step in half.
                    await step.RunAsync(lifetime.ApplicationStopping);
                }
                catch (Exception exception)
                {
                    _waitingStepFailed = true;
                    logger.LogCritical(exception, "Start-up step {Step} failed after the migrations were applied; stopping", step.GetType().Name);
                    lifetime.StopApplication();
                    return false;
                }
                lock (_waitingSteps)
                {
                    _waitingSteps.Remove(step);
                }
            }
            _migrated = true;
            return true;
        }
        finally
        {
            _checking.Release();
        }
    }

    public void Dispose() => _checking.Dispose();
}
