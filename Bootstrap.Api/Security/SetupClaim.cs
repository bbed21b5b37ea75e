using Bootstrap.Api.Auth;
using Bootstrap.Api.Common;
using Bootstrap.Api.Data;
using Bootstrap.Api.Security.Callers;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bootstrap.Api.Security;

/// <summary>
/// The one-time claim token that guards an unclaimed first run: its hash lives on the first
/// instance's row, the token itself only in a 0600 file on the server.
/// </summary>
public sealed class SetupClaim(BootstrapDbContext db, IOptions<SetupClaimOptions> options, ClaimExemption exemption, ILogger<SetupClaim> logger)
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
        var path = Path.GetFullPath(_options.ClaimTokenPath);
        if (first.SetupCompletedAt is not null || _options.ClaimMode == ClaimMode.Disabled)
        {
            RetireTokenFile();
            return;
        }

        if (first.ClaimTokenHash is { } hash && File.Exists(path) && Secrets.HashEquals(hash, (await File.ReadAllTextAsync(path, cancellationToken)).Trim()))
        {
            LogWhereTheTokenIs(path);
            return;
        }

        var token = Secrets.NewClaimToken();
        using (var file = PendingSecretFile.Reserve(path, replaceExisting: true))
        {
            var updated = await db.Instances
                .Where(i => i.Id == Instance.FirstId && i.SetupCompletedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ClaimTokenHash, Secrets.Hash(token)), cancellationToken);
            if (updated == 0)
            {
                return;
            }
            file.Commit(token + "\n");
        }
        LogWhereTheTokenIs(path);
    }

    /// <summary>The token died with the first run (its hash was cleared in the same transaction); its file goes too.</summary>
    public void RetireTokenFile()
    {
        // File.Delete tolerates a missing file but not a missing folder (never created when setup ran offline).
        var path = Path.GetFullPath(_options.ClaimTokenPath);
        if (File.Exists(path))
        {
            File.Delete(path);
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

    private void LogWhereTheTokenIs(string path) => logger.LogWarning(
        "Setup is not complete. Remote browsers and scripts need the one-time claim token from {ClaimTokenPath} (cat {ClaimTokenPath}); send it as X-Setup-Token (influx clients: Authorization: Token, or influx setup --token). Direct local connections need none in LoopbackExempt mode while the server listens on loopback only and no proxy is listed (configured mode: {ClaimMode}).",
        path, path, _options.ClaimMode);
}
