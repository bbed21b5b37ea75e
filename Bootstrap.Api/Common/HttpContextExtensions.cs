using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Microsoft.AspNetCore.Http;

namespace Bootstrap.Api.Common;

public static class HttpContextExtensions
{
    /// <summary>Lets the wizard and the CLI say which door they are, for the audit trail.</summary>
    public const string ChannelHeader = "X-Bootstrap-Channel";

    public static string? RemoteAddress(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    /// <summary>Who is asking: the declared wizard or CLI channel, otherwise a plain API call.</summary>
    public static SetupContext SetupContext(this HttpContext context)
    {
        var channel = Enum.TryParse<SetupChannel>(context.Request.Headers[ChannelHeader].ToString(), ignoreCase: true, out var declared)
            && declared is SetupChannel.Wizard or SetupChannel.Cli
                ? declared
                : SetupChannel.Api;
        return new SetupContext(channel, context.RemoteAddress());
    }
}
