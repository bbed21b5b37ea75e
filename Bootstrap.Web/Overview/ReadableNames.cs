using Bootstrap.Domain.Entities;
using Bootstrap.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Bootstrap.Web.Overview;

/// <summary>
/// What a token kind or a role means, in words, for the overview: the stored values (the wire values
/// of InfluxDB, Zitadel and Infisical) mean little to an operator on their own.
/// </summary>
public static class ReadableNames
{
    public static string Describe(IStringLocalizer<Strings> text, TokenKind kind) => Known(text[$"TokenKind.{kind}"], kind.ToString());

    public static string DescribeRole(IStringLocalizer<Strings> text, string role) => Known(text[$"Role.{role}"], role);

    /// <summary>An audit action ("token.created") in words; an action without a name yet shows as stored.</summary>
    public static string DescribeAction(IStringLocalizer<Strings> text, string action) => Known(text[$"AuditAction.{action}"], action);

    public static string DescribeChannel(IStringLocalizer<Strings> text, SetupChannel? channel) =>
        channel is { } stored ? Known(text[$"Channel.{stored}"], stored.ToString().ToLowerInvariant()) : "-";

    /// <summary>A stored value no resource names (a kind or role added later) shows as stored.</summary>
    private static string Known(LocalizedString name, string stored) => name.ResourceNotFound ? stored : name.Value;
}
