using System.Net;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Microsoft.AspNetCore.Http;

namespace Bootstrap.Api.Security.Callers;

/// <summary>
/// Who is calling, decided once per request by <see cref="CallerMiddleware"/>: the socket peer, or the
/// client a configured proxy names, or the browser a wizard relay names. The claim rule, the rate
/// limits and the audit trail all read this and nothing else.
/// </summary>
/// <param name="Address">The client's address; null for an in-process host or a Unix socket.</param>
/// <param name="IsDirectLoopback">A loopback client that no proxy stands in front of (and that sent no forwarding header).</param>
/// <param name="Channel">Wizard for the wizard's own relayed calls, otherwise Api: a header cannot claim a channel.</param>
public sealed record Caller(IPAddress? Address, bool IsDirectLoopback, SetupChannel Channel)
{
    /// <summary>Partition key for per-client limits.</summary>
    public string Key => Address?.ToString() ?? "local";

    public SetupContext ToSetupContext() => new(Channel, Address?.ToString());

    /// <summary>IPv4 clients of a dual-stack socket arrive as ::ffff:a.b.c.d; the audit and the limits see a.b.c.d.</summary>
    public static IPAddress? Normalize(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}

public static class CallerExtensions
{
    /// <summary>The caller <see cref="CallerMiddleware"/> established; outside that pipeline (a bare test host) the socket peer as it is.</summary>
    public static Caller Caller(this HttpContext context) =>
        context.Features.Get<CallerFeature>()?.Caller ?? CallerMiddleware.FromConnection(context, throughProxy: false);
}

internal sealed class CallerFeature(Caller caller)
{
    public Caller Caller { get; } = caller;
}
