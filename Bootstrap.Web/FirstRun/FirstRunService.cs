using System.Text;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Bootstrap.Api.Common;
using Bootstrap.Api.Startup;
using FluentValidation;

namespace Bootstrap.Web.FirstRun;

/// <summary>
/// Carries out the <c>FirstRun</c> configuration section once the database is migrated: the same
/// native request and <see cref="SetupService"/> as every other door, on the Config channel. Runs
/// before the server serves its first request, so a failure stops the start.
/// </summary>
public sealed class FirstRunService(
    IConfiguration configuration,
    IServiceScopeFactory scopes,
    ILogger<FirstRunService> logger) : IStartupStep
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
        using var files = SecretFiles.Reserve(plan);
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

        files.Commit(result);
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

    /// <summary>The secret files of one plan, reserved together so that any unwritable path fails the start first.</summary>
    private sealed class SecretFiles : IDisposable
    {
        private readonly List<(string Key, PendingSecretFile File)> _files = [];

        public int Count => _files.Count;

        public static SecretFiles Reserve(FirstRunPlan plan)
        {
            var files = new SecretFiles();
            try
            {
                files.Add(FirstRunConfiguration.OperatorTokenPath, plan.OperatorTokenPath);
                files.Add(FirstRunConfiguration.PatPath, plan.PatPath);
                files.Add(FirstRunConfiguration.MachineKeyPath, plan.MachineKeyPath);
                return files;
            }
            catch
            {
                files.Dispose();
                throw;
            }
        }

        public void Commit(SetupResult result)
        {
            foreach (var (key, file) in _files)
            {
                file.Commit(key switch
                {
                    FirstRunConfiguration.OperatorTokenPath => result.OperatorToken!.Secret,
                    FirstRunConfiguration.PatPath => result.Machine!.Pat.Secret,
                    // Zitadel's SDKs read the JSON key file itself, not its base64 form.
                    _ => Encoding.UTF8.GetString(Convert.FromBase64String(result.Machine!.Key!.KeyFileBase64)),
                });
            }
        }

        public void Dispose()
        {
            foreach (var (_, file) in _files)
            {
                file.Dispose();
            }
        }

        private void Add(string key, string? path)
        {
            if (path is null)
            {
                return;
            }
            try
            {
                _files.Add((key, PendingSecretFile.Reserve(path)));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new FirstRunConfigurationException([new(key, $"cannot write '{path}': {exception.Message}")]);
            }
        }
    }
}

public static class FirstRunServiceCollectionExtensions
{
    /// <summary>Register after <c>AddBootstrapApi</c>: start-up steps run in order, and this one needs the migrated database.</summary>
    public static IServiceCollection AddFirstRun(this IServiceCollection services) =>
        services.AddStartupStep<FirstRunService>();
}
