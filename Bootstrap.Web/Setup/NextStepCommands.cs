using System.Buffers;
using Bootstrap.Api.Native.Setup;

namespace Bootstrap.Web.Setup;

/// <summary>
/// The done step's "what next": commands filled in for this server and the secrets just created, quoted
/// for a POSIX shell so that any organization or bucket name pastes as typed. Built on the done step only
/// and never stored.
/// </summary>
public sealed record NextStepCommands(string InfluxConfig, string BucketQuery, string? MachineKeyLogin, string? PatQuery)
{
    private static readonly SearchValues<char> Unquoted =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@%+=:,./_-");

    /// <param name="origin">The server's public origin: <c>PublicUrl</c>, or the origin the browser reached it at; it is also the default instance's issuer, the audience of a JWT-profile assertion.</param>
    public static NextStepCommands For(SetupResponse response, Uri origin)
    {
        var host = origin.GetLeftPart(UriPartial.Authority);
        var machine = response.Machine;
        return new NextStepCommands(
            $"influx config create --config-name bootstrap --host-url {Quote(host)} --org {Quote(response.Organization.Name)} --token {Quote(response.OperatorToken)} --active",
            $"curl -sS -H {Quote($"Authorization: Token {response.OperatorToken}")} {Quote($"{host}/api/v2/buckets?name={Uri.EscapeDataString(response.Bucket.Name)}")}",
            machine?.MachineKey is null
                ? null
                : $"""
                   JWT=$(zitadel-tools key2jwt --audience {Quote(host)} --key {Quote(MachineKeyFileName(machine.UserName))})
                   curl -sS -X POST {Quote($"{host}/oauth/v2/token")} -d grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer -d scope=openid -d "assertion=$JWT"
                   """,
            machine is null ? null : $"curl -sS -H {Quote($"Authorization: Bearer {machine.Pat}")} {Quote($"{host}/api/v2/me")}");
    }

    /// <summary>The name the done step offers the machine key file under, which the login command reads.</summary>
    public static string MachineKeyFileName(string userName) => $"{userName}-key.json";

    /// <summary>POSIX single quotes: everything inside is literal, and a quote is closed, escaped and reopened.</summary>
    public static string Quote(string value) =>
        value.Length > 0 && !value.AsSpan().ContainsAnyExcept(Unquoted)
            ? value
            : $"'{value.Replace("'", @"'\''", StringComparison.Ordinal)}'";
}
