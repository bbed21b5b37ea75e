using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Logging;
using Bootstrap.Domain.Security;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Bootstrap.Domain.Tokens;

/// <summary>
/// The one place API tokens are issued, revoked, rotated and listed. Only the SHA-256 of a secret is
/// stored; the secret goes back to the caller once. Every write saves its audit event (never the
/// secret) in the same transaction, and a revocation tells <see cref="IAuthenticationChanges"/> once
/// it has committed.
/// </summary>
/// <remarks>
/// The <c>New…Token</c> builders serve provisioning plans (first run, CreateInstance, setup/user, the
/// JWT profile grant) that save the token together with their own rows and audit event.
/// </remarks>
public sealed class TokenService(IBootstrapDb db, IAuthenticationChanges authenticationChanges, TimeProvider clock, ILogger<TokenService> logger)
{
    public const int DescriptionMaxLength = 400;

    /// <summary>The admin's instance-wide operator token; <paramref name="supplied"/> is used verbatim when given.</summary>
    public static IssuedToken NewOperatorToken(User admin, Guid organizationId, DateTime now, string? supplied = null) =>
        New(admin, organizationId, TokenKind.Operator, OwnTokenDescription(admin), expiresAt: null, now, supplied);

    /// <summary>An organization owner's all-access token; <paramref name="supplied"/> is used verbatim when given.</summary>
    public static IssuedToken NewOwnerToken(User owner, Guid organizationId, DateTime now, string? supplied = null) =>
        New(owner, organizationId, TokenKind.AllAccess, OwnTokenDescription(owner), expiresAt: null, now, supplied);

    /// <summary>A machine user's personal access token (Zitadel) or identity token (Infisical).</summary>
    public static IssuedToken NewMachineToken(User machine, Guid? organizationId, TokenKind kind, DateTime? expiresAt, DateTime now)
    {
        if (kind is not (TokenKind.PersonalAccessToken or TokenKind.IdentityToken))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A machine user holds a personal access token or an identity token.");
        }
        return New(machine, organizationId, kind, $"{machine.DisplayName} token", expiresAt, now);
    }

    /// <summary>The short-lived access token a JWT profile grant exchanges an assertion for.</summary>
    public static IssuedToken NewAccessToken(User user, Guid? organizationId, DateTime expiresAt, DateTime now) =>
        New(user, organizationId, TokenKind.AccessToken, "JWT profile grant access token", expiresAt, now);

    /// <summary>An all-access token a signed-in owner creates for one organization, with their own description.</summary>
    /// <exception cref="InvalidTokenRequestException">The description or the expiry is not acceptable.</exception>
    public async Task<IssuedToken> IssueAsync(TokenRequest request, SetupContext context, CancellationToken cancellationToken = default)
    {
        var description = request.Description.Trim();
        if (description.Length is 0 or > DescriptionMaxLength || !TextRules.IsPlainText(description))
        {
            throw new InvalidTokenRequestException($"A description of 1 to {DescriptionMaxLength} characters, none of them control, invisible or text-direction characters, is required.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (request.ExpiresAt is { } expiry && expiry <= now)
        {
            throw new InvalidTokenRequestException("The expiry must be in the future.");
        }

        var user = await db.Users.SingleAsync(u => u.Id == request.UserId, cancellationToken);
        var organization = await db.Organizations.SingleAsync(o => o.Id == request.OrganizationId, cancellationToken);
        var issued = New(user, organization.Id, TokenKind.AllAccess, description, request.ExpiresAt, now);
        db.ApiTokens.Add(issued.Token);
        db.AuditEvents.Add(Provisioner.Audit(user.InstanceId, "token.created", true, context, now,
            $"token={Ids.ToInfluxId(issued.Token.Number)} organization={organization.Name} description={description}", user.UserName));
        await db.SaveChangesAsync(cancellationToken);
        logger.TokenIssued(context, issued.Token, user);
        return issued;
    }

    /// <param name="actorId">The user revoking the token, for the audit trail.</param>
    /// <returns>False when the token does not exist in this instance or was already revoked.</returns>
    public async Task<bool> RevokeAsync(Guid tokenId, Guid actorId, SetupContext context, CancellationToken cancellationToken = default)
    {
        var actor = await db.Users.SingleAsync(u => u.Id == actorId, cancellationToken);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.RevokedAt == null, cancellationToken);
        if (token is null)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        token.RevokedAt = now;
        token.UpdatedAt = now;
        db.AuditEvents.Add(Provisioner.Audit(token.InstanceId, "token.revoked", true, context, now,
            $"token={Ids.ToInfluxId(token.Number)} description={token.Description}", actor.UserName));
        await db.SaveChangesAsync(cancellationToken);
        authenticationChanges.Committed();
        logger.TokenRevoked(context, token, actor);
        return true;
    }

    /// <summary>
    /// Revokes every active operator token of the current instance and issues a new one, in one
    /// transaction. The new token belongs to whoever held the latest one, else to the instance's first admin.
    /// </summary>
    public async Task<OperatorTokenRotation> RotateOperatorAsync(SetupContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var active = await db.ApiTokens
            .Where(t => t.Kind == TokenKind.Operator && t.RevokedAt == null)
            .OrderByDescending(t => t.CreatedAt)
            .ToListAsync(cancellationToken);
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
        var issued = New(owner, organizationId, TokenKind.Operator, OwnTokenDescription(owner), expiresAt: null, now);
        db.ApiTokens.Add(issued.Token);
        db.AuditEvents.Add(Provisioner.Audit(owner.InstanceId, "operator-token.rotated", true, context, now,
            $"revoked={active.Count} issued={Ids.ToInfluxId(issued.Token.Number)}", owner.UserName));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        authenticationChanges.Committed();
        logger.OperatorTokenRotated(context, active, issued.Token, owner);
        return new OperatorTokenRotation(owner, active.Count, issued);
    }

    /// <summary>The current instance's tokens, newest first, without their secrets (only hashes are stored).</summary>
    public async Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.ApiTokens.AsNoTracking().OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);

    private static string OwnTokenDescription(User user) => $"{user.UserName}'s Token";

    private static IssuedToken New(User user, Guid? organizationId, TokenKind kind, string description, DateTime? expiresAt, DateTime now, string? supplied = null)
    {
        var secret = supplied ?? Secrets.NewToken();
        return new IssuedToken(new ApiToken
        {
            Id = Guid.NewGuid(),
            Number = Ids.NewNumber(),
            InstanceId = user.InstanceId,
            UserId = user.Id,
            OrganizationId = organizationId,
            Kind = kind,
            Description = description,
            Permissions = TokenPermissions.All(),
            SecretHash = Secrets.Hash(secret),
            ExpiresAt = expiresAt,
            CreatedAt = now,
            UpdatedAt = now,
        }, secret);
    }
}

/// <summary>An owner's request for a token of one organization.</summary>
public sealed record TokenRequest(Guid UserId, Guid OrganizationId, string Description, DateTime? ExpiresAt);

/// <param name="Revoked">How many active operator tokens the rotation revoked.</param>
public sealed record OperatorTokenRotation(User Owner, int Revoked, IssuedToken Issued);

public sealed class InvalidTokenRequestException(string message) : Exception(message);
