using Bootstrap.Api.Data;
using Bootstrap.Api.Tenancy;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Security;
using Bootstrap.Domain.Validation;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Web.Overview;

/// <summary>
/// Creates and revokes API tokens from the overview page. Only the SHA-256 of a new secret is stored;
/// the secret goes back to the caller once. Both actions leave an audit event without the secret.
/// </summary>
public sealed class TokenManagement(InstanceScopes scopes, TimeProvider clock)
{
    public const int DescriptionMaxLength = 400;

    public async Task<CreatedToken> CreateAsync(
        Guid instanceId, Guid userId, Guid organizationId, string description, DateTime? expiresAt, string? remoteAddress,
        CancellationToken cancellationToken = default)
    {
        description = description.Trim();
        if (description.Length is 0 or > DescriptionMaxLength || !TextRules.IsPlainText(description))
        {
            throw new InvalidTokenRequestException($"A description of 1 to {DescriptionMaxLength} characters, none of them control, invisible or text-direction characters, is required.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (expiresAt is { } expiry && expiry <= now)
        {
            throw new InvalidTokenRequestException("The expiry must be in the future.");
        }

        await using var scope = scopes.For(instanceId);
        var db = scope.ServiceProvider.GetRequiredService<BootstrapDbContext>();
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        var organization = await db.Organizations.SingleAsync(o => o.Id == organizationId, cancellationToken);

        var secret = Secrets.NewToken();
        var token = new ApiToken
        {
            Id = Guid.NewGuid(),
            Number = Ids.NewNumber(),
            InstanceId = db.CurrentInstanceId,
            UserId = user.Id,
            OrganizationId = organization.Id,
            Kind = TokenKind.AllAccess,
            Description = description,
            Permissions = TokenPermissions.All(),
            SecretHash = Secrets.Hash(secret),
            ExpiresAt = expiresAt,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.ApiTokens.Add(token);
        db.AuditEvents.Add(Audit(db.CurrentInstanceId, "token.created", user, remoteAddress, now,
            $"token={Ids.ToInfluxId(token.Number)} organization={organization.Name} description={description}"));
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedToken(token.Id, description, secret);
    }

    /// <returns>False when the token does not exist or was already revoked.</returns>
    public async Task<bool> RevokeAsync(Guid instanceId, Guid userId, Guid tokenId, string? remoteAddress, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.For(instanceId);
        var db = scope.ServiceProvider.GetRequiredService<BootstrapDbContext>();
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.RevokedAt == null, cancellationToken);
        if (token is null)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        token.RevokedAt = now;
        token.UpdatedAt = now;
        db.AuditEvents.Add(Audit(db.CurrentInstanceId, "token.revoked", user, remoteAddress, now,
            $"token={Ids.ToInfluxId(token.Number)} description={token.Description}"));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    // The UI is the wizard's door, so its actions are recorded on that channel.
    private static AuditEvent Audit(Guid instanceId, string action, User user, string? remoteAddress, DateTime now, string detail) => new()
    {
        InstanceId = instanceId,
        Action = action,
        Channel = SetupChannel.Wizard,
        Succeeded = true,
        Subject = AuditEvent.Fit(user.UserName, AuditEvent.SubjectMaxLength),
        Detail = AuditEvent.Fit(detail, AuditEvent.DetailMaxLength),
        RemoteAddress = remoteAddress,
        OccurredAt = now,
    };
}

/// <summary><see cref="Secret"/> exists only in this value; the database holds its hash.</summary>
public sealed record CreatedToken(Guid Id, string Description, string Secret);

public sealed class InvalidTokenRequestException(string message) : Exception(message);
