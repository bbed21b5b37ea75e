using Bootstrap.Api.Auth;
using Bootstrap.Api.Common;
using Bootstrap.Api.Data;
using Bootstrap.Api.Security.Callers;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bootstrap.Api.Security;

/// <summary>
/// The one-time setup code (the claim token) that guards an unclaimed first run: its hash lives on the
/// first instance's row, the code itself only in a 0600 file on the server.
/// </summary>
public sealed class SetupClaim(BootstrapDbContext db, IOptions<SetupClaimOptions> options, SetupCodeFile file, ClaimExemption exemption)
{
    public const string HeaderName = "X-Setup-Token";

    private readonly SetupClaimOptions _options = options.Value;

    /// <summary>
    /// While the first run is open, makes sure a claim token exists and its file matches it; once
    /// set up, removes the file. A file that still matches the stored hash is kept, so restarts
    /// (and replicas sharing the folder) don't invalidate a token an operator already read.
    /// </summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var first = await db.Instances.SingleAsync(i => i.Id == Instance.FirstId, cancellationToken);
        var path = file.FullPath;
        if (first.SetupCompletedAt is not null || _options.ClaimMode == ClaimMode.Disabled)
        {
            RetireTokenFile();
            return;
        }

        if (first.ClaimTokenHash is { } hash && File.Exists(path) && Secrets.HashEquals(hash, (await File.ReadAllTextAsync(path, cancellationToken)).Trim()))
        {
            return;
        }

        var token = Secrets.NewClaimToken();
        using (var pending = PendingSecretFile.Reserve(path, replaceExisting: true))
        {
            var updated = await db.Instances
                .Where(i => i.Id == Instance.FirstId && i.SetupCompletedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ClaimTokenHash, Secrets.Hash(token)), cancellationToken);
            if (updated == 0)
            {
                return;
            }
            pending.Commit(token + "\n");
        }
    }

    /// <summary>The token died with the first run (its hash was cleared in the same transaction); its file goes too.</summary>
    public void RetireTokenFile()
    {
        // File.Delete tolerates a missing file but not a missing folder (never created when setup ran offline).
        if (File.Exists(file.FullPath))
        {
            File.Delete(file.FullPath);
        }
    }

    /// <summary>Whether this request may attempt the first run.</summary>
    /// <param name="bodyToken">The body's <c>token</c>, where the endpoint accepts the claim token there.</param>
    public async Task<bool> IsSatisfiedAsync(HttpContext context, bool acceptAuthorizationHeader, string? bodyToken = null)
    {
        if (exemption.Applies(context.Caller()))
        {
            return true;
        }

        var presented = context.Request.Headers[HeaderName].ToString();
        if (presented.Length == 0 && acceptAuthorizationHeader)
        {
            presented = TokenAuthenticationHandler.ReadSecret(context.Request.Headers.Authorization.ToString()) ?? string.Empty;
        }
        if (presented.Length == 0)
        {
            presented = bodyToken ?? string.Empty;
        }
        if (presented.Length == 0)
        {
            return false;
        }

        var hash = await db.Instances.AsNoTracking()
            .Where(i => i.Id == Instance.FirstId)
            .Select(i => i.ClaimTokenHash)
            .SingleAsync(context.RequestAborted);
        return hash is not null && Secrets.HashEquals(hash, presented.Trim());
    }
}
