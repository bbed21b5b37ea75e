using Bootstrap.Api.Data;

namespace Bootstrap.Web.Cli;

/// <summary>
/// <c>migrate</c>: the database step on its own (Zitadel's <c>init</c>/<c>setup</c> before <c>start</c>), for a
/// Kubernetes Job or a deploy script, while the servers run with <c>Database:MigrateAtStart</c> false.
/// </summary>
public sealed class MigrateVerb : ICliVerb
{
    public string Name => "migrate";

    public string Summary => "Create the database if missing and apply pending migrations (or list them).";

    public string Description => $"""
        Connects with the server's configuration (ConnectionStrings__Bootstrap, Database__Provider; SQLite
        or PostgreSQL), creates the database if it does not exist, takes the same start-up lock as a
        starting server (so it can run beside replicas that are starting), applies the pending migrations
        and prints the name of each one it applied, one per line. With --dry-run it prints the pending
        migrations, one per line, and changes nothing. A summary goes to stderr.

        Servers started with Database__MigrateAtStart=false do not migrate: they answer 503 on /ready and
        /health/ready while migrations are pending and turn ready by themselves once this has run.

        Exit codes (their own, for scripts and Jobs to branch on):
          {ExitCodes.Migrate.UpToDate}   up to date: nothing was pending, or everything pending was applied
          {ExitCodes.Migrate.Pending}   migrations are pending (only with --dry-run)
          {ExitCodes.Migrate.Failed}   failed: database unreachable or unreadable, or a migration failed (reason on stderr)
          {ExitCodes.Usage}  wrong command line

        Examples:
          {BootstrapCli.ToolName} migrate --dry-run
          ConnectionStrings__Bootstrap='Host=db;Database=bootstrap;Username=bootstrap' Database__Provider=Postgres {BootstrapCli.ToolName} migrate
        """;

    public IReadOnlyList<CliOption> Options { get; } =
    [
        new("dry-run", null, $"List the pending migrations and apply nothing; exit {ExitCodes.Migrate.Pending} if there are any."),
    ];

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var dryRun = arguments.Flag("dry-run");
        IReadOnlyList<string> migrations;
        try
        {
            await using var host = OfflineHost.Open();
            var migrator = host.Get<DatabaseMigrator>();
            migrations = dryRun
                ? await migrator.GetPendingMigrationsAsync(cancellationToken)
                : await migrator.MigrateAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("migrate: cancelled; a migration in progress was rolled back where the provider allows it.");
            return ExitCodes.Migrate.Failed;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The reason only: a stack trace says nothing to whoever reads a Job's log.
            await console.Error.WriteLineAsync($"migrate: failed: {Reason(exception)}");
            return ExitCodes.Migrate.Failed;
        }

        foreach (var migration in migrations)
        {
            await console.Out.WriteLineAsync(migration);
        }
        await console.Error.WriteLineAsync((dryRun, migrations.Count) switch
        {
            (_, 0) => "migrate: the database is up to date; nothing to apply.",
            (true, var count) => $"migrate: {count} migration(s) pending; run without --dry-run to apply them.",
            (false, var count) => $"migrate: {count} migration(s) applied; the database is up to date.",
        });
        return dryRun && migrations.Count > 0 ? ExitCodes.Migrate.Pending : ExitCodes.Migrate.UpToDate;
    }

    /// <summary>Each distinct message down the chain: "Failed to connect to 127.0.0.1:1: Connection refused".</summary>
    private static string Reason(Exception exception)
    {
        var messages = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (!messages.Contains(current.Message, StringComparer.Ordinal))
            {
                messages.Add(current.Message);
            }
        }
        return string.Join(": ", messages);
    }
}
