using Bootstrap.Api.Data;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Security;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Web.Cli;

/// <summary><c>recover-admin</c>: a new password for a locked-out admin, straight in the database.</summary>
public sealed class RecoverAdminVerb : ICliVerb
{
    public string Name => "recover-admin";

    public string Summary => "Reset an admin's password (offline; typed at the terminal or read from stdin).";

    public string Description => $"""
        Sets a new password for the first instance's admin, hashed with ASP.NET Core Identity's hasher
        and checked against the configured PasswordPolicy. Clears any lockout and signs out existing
        sessions. Works on the database directly (stop nothing: the server may keep running) and
        records an audit event on the cli channel. Without --password-stdin or --password-file the
        password is typed at the terminal, twice, without echo.

        Example:
          printf '%s' "$NEW_PASSWORD" | {BootstrapCli.ToolName} recover-admin --username admin --password-stdin
        """;

    public IReadOnlyList<CliOption> Options { get; } =
    [
        new("username", "NAME", "The admin to recover (default: the only super admin)."),
        new("password-stdin", null, "Read the new password from standard input."),
        new("password-file", "FILE", "Read the new password from FILE."),
    ];

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var password = arguments.Flag("password-stdin") || arguments.Has("password-file")
            ? await SetupInputs.ReadPasswordAsync(arguments, console)
            : await PromptAsync(console, cancellationToken);
        if (password is null)
        {
            await console.Error.WriteLineAsync("recover-admin: the two passwords typed differ; nothing was changed.");
            return ExitCodes.InvalidInput;
        }

        await using var host = await OfflineHost.StartAsync(cancellationToken);
        var refusals = host.Get<PasswordPolicy>().Evaluate(password).Where(rule => !rule.Met).Select(rule => rule.Message).ToList();
        if (!TextRules.IsPrintable(password))
        {
            // Every setup door refuses these too: a password nobody can type at a sign-in form.
            refusals.Add("passwords must not contain control characters");
        }
        if (refusals.Count > 0)
        {
            await console.Error.WriteLineAsync("recover-admin: the new password was refused:");
            foreach (var refusal in refusals)
            {
                await console.Error.WriteLineAsync($"  {refusal}");
            }
            return ExitCodes.InvalidInput;
        }

        if ((await host.Get<SetupService>().GetFirstRunStatusAsync(cancellationToken)).Allowed)
        {
            await console.Error.WriteLineAsync("recover-admin: setup has not been completed yet, so there is no admin to recover.");
            return ExitCodes.NotFound;
        }

        var db = host.Get<BootstrapDbContext>();
        var admins = db.Users.Where(u => u.Kind == UserKind.Human && u.IsSuperAdmin);
        if (arguments.Value("username") is { } userName)
        {
            var normalized = host.Get<ILookupNormalizer>().NormalizeName(userName);
            admins = admins.Where(u => u.NormalizedUserName == normalized);
        }
        var candidates = await admins.OrderBy(u => u.UserName).Take(2).ToListAsync(cancellationToken);
        if (candidates.Count != 1)
        {
            await console.Error.WriteLineAsync(candidates.Count == 0
                ? $"recover-admin: no admin named '{arguments.Value("username")}'."
                : "recover-admin: there are several admins; name one with --username.");
            return candidates.Count == 0 ? ExitCodes.NotFound : ExitCodes.Usage;
        }

        var admin = candidates[0];
        var now = host.Get<TimeProvider>().GetUtcNow().UtcDateTime;
        admin.PasswordHash = host.Get<IPasswordHasher<User>>().HashPassword(admin, password);
        // A new stamp invalidates every existing session cookie of this admin.
        admin.SecurityStamp = Guid.NewGuid().ToString("N");
        admin.AccessFailedCount = 0;
        admin.LockoutEnd = null;
        admin.UpdatedAt = now;
        db.AuditEvents.Add(Provisioner.Audit(admin.InstanceId, "admin.recovered", succeeded: true, new SetupContext(SetupChannel.Cli, RemoteAddress: null), now,
            detail: "new sign-in credential set offline; sessions revoked", subject: admin.UserName));
        await db.SaveChangesAsync(cancellationToken);

        await console.Out.WriteLineAsync($"Admin '{admin.UserName}' recovered: the new password is set and existing sessions are signed out.");
        return ExitCodes.Success;
    }

    /// <summary>The password typed twice at the terminal; null when the two differ.</summary>
    private static async Task<string?> PromptAsync(CliConsole console, CancellationToken cancellationToken)
    {
        if (console.Terminal is not { IsInteractive: true } terminal)
        {
            // Waiting on a pipe nobody writes to would hang a script forever.
            throw new CliUsageException("standard input is not a terminal: give the new password with --password-stdin or --password-file");
        }
        var password = await PasswordPrompt.ReadNewPasswordAsync(terminal, "New admin password: ", cancellationToken);
        return password is { Length: 0 } ? throw new CliUsageException("the password typed is empty") : password;
    }
}
