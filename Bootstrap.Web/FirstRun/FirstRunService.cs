using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Bootstrap.Api.Common;
using Bootstrap.Api.Native.Setup;
using Bootstrap.Api.Security;
using Bootstrap.Api.Startup;
using Bootstrap.Web.Setup;
using FluentValidation;

namespace Bootstrap.Web.FirstRun;

/// <summary>
/// Carries out the <c>FirstRun</c> configuration section once the database is migrated: the same
/// native request and <see cref="SetupService"/> as every other door, on the Config channel. Runs
/// before the server serves its first request, so a failure stops the start (or, when another process
/// migrates, once the migrations are seen applied: then a failure stops the server).
/// </summary>
public sealed class FirstRunService(
    IConfiguration configuration,
    IServiceScopeFactory scopes,
    ILogger<FirstRunService> logger) : INeedsMigratedDatabase
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetSection(FirstRunConfiguration.SectionName).Exists())
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<SetupService>();
        if (!(await setup.GetFirstRunStatusAsync(cancellationToken)).Allowed)
        {
            await LogIgnoredAsync(setup, cancellationToken);
            return;
        }

        // Resolved only here: building the validator costs start-up time on every start without a FirstRun section.
        var validator = scope.ServiceProvider.GetRequiredService<IValidator<SetupRequest>>();
        var plan = await FirstRunConfiguration.ReadAsync(configuration, validator, cancellationToken);
        using var files = ReserveSecretFiles(plan);
        SetupResult result;
        try
        {
            result = await setup.CompleteFirstRunAsync(plan.Request.ToCommand(), new SetupContext(SetupChannel.Config, RemoteAddress: null), cancellationToken);
        }
        catch (SetupAlreadyCompletedException)
        {
            // Another replica sharing the database won the race.
            await LogIgnoredAsync(setup, cancellationToken);
            return;
        }

        files.Commit(SetupResponse.From(result));
        // The setup code died with the first run; its file would otherwise stay until the next start.
        scope.ServiceProvider.GetRequiredService<SetupClaim>().RetireTokenFile();
        // File names are not logged: they tend to contain words that log scanners flag as secrets.
        logger.LogInformation(
            "FirstRun: set up organization {Organization} with admin {Admin} and bucket {Bucket}; {Count} credential file(s) written with mode 0600",
            result.Organization.Name, result.Admin.UserName, result.Bucket.Name, files.Count);
    }

    private async Task LogIgnoredAsync(SetupService setup, CancellationToken cancellationToken)
    {
        var status = await setup.GetFirstRunStatusAsync(cancellationToken);
        logger.LogWarning(
            "FirstRun configuration section ignored: this installation was already set up at {CompletedAt:O} (channel {Channel}); nothing was changed",
            status.CompletedAt, status.Channel?.ToWire());
    }

    /// <summary>Reserves every file of the plan before the setup, so that an unwritable or existing path fails the start first.</summary>
    private static SetupSecretFiles ReserveSecretFiles(FirstRunPlan plan)
    {
        try
        {
            return SetupSecretFiles.Reserve(new Dictionary<SetupSecret, string?>
            {
                [SetupSecret.OperatorToken] = plan.OperatorTokenPath,
                [SetupSecret.Pat] = plan.PatPath,
                [SetupSecret.MachineKey] = plan.MachineKeyPath,
            }, replaceExisting: false);
        }
        catch (SetupSecretFileException exception)
        {
            var key = exception.Secret switch
            {
                SetupSecret.OperatorToken => FirstRunConfiguration.OperatorTokenPath,
                SetupSecret.Pat => FirstRunConfiguration.PatPath,
                _ => FirstRunConfiguration.MachineKeyPath,
            };
            // A file left from an earlier install may hold a credential that still works elsewhere: it is never replaced.
            throw new FirstRunConfigurationException([new(key, exception.Exists ? $"{exception.Message}; delete it to write a new one" : exception.Message)]);
        }
    }
}

public static class FirstRunServiceCollectionExtensions
{
    /// <summary>Register after <c>AddBootstrapApi</c>: start-up steps run in order, and this one needs the migrated database.</summary>
    public static IServiceCollection AddFirstRun(this IServiceCollection services) =>
        services.AddStartupStep<FirstRunService>();
}
