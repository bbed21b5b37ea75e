using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Telemetry;
using Microsoft.Extensions.Logging;

namespace Bootstrap.Domain.Logging;

/// <summary>
/// The product's own log events: one Information line per significant event, a Warning for a refused
/// setup. The EventIds are stable, so that alerts and log queries can match them (docs/operations.md, "Logs").
/// A line carries ids, the door, the caller's address and the names an operator chose (organization,
/// instance, user name), never a secret: no token, password, key or claim token, no email address.
/// </summary>
public static partial class BootstrapLog
{
    /// <summary>What a line says for a caller without an address: the CLI or the FirstRun configuration, in the server's own process.</summary>
    private const string LocalCaller = "local";

    public static void SetupCompleted(this ILogger logger, SetupContext context, Guid instanceId, string organization) =>
        SetupCompleted(logger, BootstrapMetrics.DoorOf(context), AddressOf(context), instanceId, organization);

    public static void SetupRefused(this ILogger logger, SetupContext context) =>
        SetupRefused(logger, BootstrapMetrics.DoorOf(context), AddressOf(context));

    public static void InstanceCreated(this ILogger logger, SetupContext context, Instance instance) =>
        InstanceCreated(logger, instance.Id, instance.Name, BootstrapMetrics.DoorOf(context), AddressOf(context));

    public static void OrganizationAdded(this ILogger logger, SetupContext context, Organization organization, string userName) =>
        OrganizationAdded(logger, organization.Name, organization.InstanceId, userName, BootstrapMetrics.DoorOf(context), AddressOf(context));

    /// <param name="holder">The user the token belongs to, who is also the one who asked for it.</param>
    public static void TokenIssued(this ILogger logger, SetupContext context, ApiToken token, User holder) =>
        TokenIssued(logger, Ids.ToInfluxId(token.Number), token.Kind, token.InstanceId, holder.UserName, BootstrapMetrics.DoorOf(context), AddressOf(context));

    public static void TokenRevoked(this ILogger logger, SetupContext context, ApiToken token, User actor) =>
        TokenRevoked(logger, Ids.ToInfluxId(token.Number), token.Kind, token.InstanceId, actor.UserName, BootstrapMetrics.DoorOf(context), AddressOf(context));

    /// <param name="holder">The user the new token belongs to.</param>
    public static void OperatorTokenRotated(this ILogger logger, SetupContext context, IReadOnlyList<ApiToken> revoked, ApiToken issued, User holder) =>
        OperatorTokenRotated(logger, revoked.Count, string.Join(',', revoked.Select(t => Ids.ToInfluxId(t.Number))), Ids.ToInfluxId(issued.Number),
            issued.InstanceId, holder.UserName, BootstrapMetrics.DoorOf(context), AddressOf(context));

    private static string AddressOf(SetupContext context) => context.RemoteAddress ?? LocalCaller;

    [LoggerMessage(EventId = 1000, EventName = nameof(SetupCompleted), Level = LogLevel.Information,
        Message = "Setup completed through {Door} from {RemoteAddress}: instance {InstanceId}, organization {Organization}")]
    private static partial void SetupCompleted(ILogger logger, string door, string remoteAddress, Guid instanceId, string organization);

    [LoggerMessage(EventId = 1001, EventName = nameof(SetupRefused), Level = LogLevel.Warning,
        Message = "Setup through {Door} from {RemoteAddress} refused: already set up")]
    private static partial void SetupRefused(ILogger logger, string door, string remoteAddress);

    [LoggerMessage(EventId = 1010, EventName = nameof(InstanceCreated), Level = LogLevel.Information,
        Message = "Instance {InstanceId} ({InstanceName}) created through {Door} from {RemoteAddress}")]
    private static partial void InstanceCreated(ILogger logger, Guid instanceId, string instanceName, string door, string remoteAddress);

    [LoggerMessage(EventId = 1011, EventName = nameof(OrganizationAdded), Level = LogLevel.Information,
        Message = "Organization {Organization} added to instance {InstanceId} with user {UserName} through {Door} from {RemoteAddress}")]
    private static partial void OrganizationAdded(ILogger logger, string organization, Guid instanceId, string? userName, string door, string remoteAddress);

    [LoggerMessage(EventId = 1020, EventName = nameof(TokenIssued), Level = LogLevel.Information,
        Message = "Token {TokenId} ({TokenKind}) issued to {UserName} in instance {InstanceId} through {Door} from {RemoteAddress}")]
    private static partial void TokenIssued(ILogger logger, string tokenId, TokenKind tokenKind, Guid instanceId, string? userName, string door, string remoteAddress);

    [LoggerMessage(EventId = 1021, EventName = nameof(TokenRevoked), Level = LogLevel.Information,
        Message = "Token {TokenId} ({TokenKind}) of instance {InstanceId} revoked by {UserName} through {Door} from {RemoteAddress}")]
    private static partial void TokenRevoked(ILogger logger, string tokenId, TokenKind tokenKind, Guid instanceId, string? userName, string door, string remoteAddress);

    [LoggerMessage(EventId = 1022, EventName = nameof(OperatorTokenRotated), Level = LogLevel.Information,
        Message = "Operator token rotated through {Door} from {RemoteAddress}: {RevokedCount} revoked ({RevokedTokenIds}), {TokenId} issued to {UserName} in instance {InstanceId}")]
    private static partial void OperatorTokenRotated(ILogger logger, int revokedCount, string revokedTokenIds, string tokenId, Guid instanceId,
        string? userName, string door, string remoteAddress);
}
