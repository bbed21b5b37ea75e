using Bootstrap.Api.Data;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Web.Cli;

/// <summary><c>rotate-token</c>: revoke the operator token(s) and issue a new one into a 0600 file.</summary>
public sealed class RotateTokenVerb : ICliVerb
{
    public string Name => "rotate-token";

    public string Summary => "Revoke the operator token(s) and write a new one to a file (offline).";

    public string Description => $"""
        Revokes every active operator token of the first instance and issues a new one for the same
        admin, in one transaction, writing it to --token-out (created with mode 0600; the token is
        never printed; an existing file is replaced only with --force). Works on the database directly
        and records an audit event on the cli channel.

        Example:
          {BootstrapCli.ToolName} rotate-token --token-out /run/secrets/operator-token --force
        """;

    public IReadOnlyList<CliOption> Options { get; } =
    [
        new("token-out", "FILE", "Where to write the new operator token (required)."),
        new("force", null, "Replace the --token-out file if it exists (the usual case: the old token's file)."),
        new("json", null, "Print {revoked, tokenId, userName, path} as JSON."),
    ];

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        using var output = CliFiles.ReserveSecret("token-out", arguments.Required("token-out"), arguments.Flag("force"));

        await using var host = await OfflineHost.StartAsync(cancellationToken);
        if ((await host.Get<SetupService>().GetFirstRunStatusAsync(cancellationToken)).Allowed)
        {
            await console.Error.WriteLineAsync("rotate-token: setup has not been completed yet, so there is no operator token to rotate.");
            return ExitCodes.NotFound;
        }

        var db = host.Get<BootstrapDbContext>();
        var now = host.Get<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var active = await db.ApiTokens
            .Where(t => t.Kind == TokenKind.Operator && t.RevokedAt == null)
            .OrderByDescending(t => t.CreatedAt)
            .ToListAsync(cancellationToken);
        // The new token belongs to whoever held the latest one, else to the first instance's admin.
        var owner = active.Count > 0
            ? await db.Users.SingleAsync(u => u.Id == active[0].UserId, cancellationToken)
            : await db.Users.Where(u => u.Kind == UserKind.Human && u.IsSuperAdmin).OrderBy(u => u.CreatedAt).FirstAsync(cancellationToken);
        var organizationId = active.Count > 0
            ? active[0].OrganizationId
            : await db.Organizations.OrderBy(o => o.CreatedAt).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);

        foreach (var token in active)
        {
            token.RevokedAt = now;
            token.UpdatedAt = now;
        }
        var issued = Provisioner.IssueToken(owner, organizationId, TokenKind.Operator, $"{owner.UserName}'s Token", expiresAt: null, now);
        db.ApiTokens.Add(issued.Token);
        db.AuditEvents.Add(Provisioner.Audit(owner.InstanceId, "operator-token.rotated", succeeded: true, new SetupContext(SetupChannel.Cli, RemoteAddress: null), now,
            detail: $"revoked={active.Count} issued={Ids.ToInfluxId(issued.Token.Number)}", subject: owner.UserName));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        output.Commit(issued.Secret);

        if (arguments.Flag("json"))
        {
            await console.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(
                new { revoked = active.Count, tokenId = Ids.ToInfluxId(issued.Token.Number), userName = owner.UserName, path = output.Path }, CliJson.Options));
        }
        else
        {
            await console.Out.WriteLineAsync($"Revoked {active.Count} operator token(s); the new one for '{owner.UserName}' was written to {output.Path}.");
        }
        return ExitCodes.Success;
    }
}
