using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Tokens;

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

        var rotation = await host.Get<TokenService>().RotateOperatorAsync(new SetupContext(SetupChannel.Cli, RemoteAddress: null), cancellationToken);
        output.Commit(rotation.Issued.Secret);

        if (arguments.Flag("json"))
        {
            await console.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(
                new { revoked = rotation.Revoked, tokenId = Ids.ToInfluxId(rotation.Issued.Token.Number), userName = rotation.Owner.UserName, path = output.Path }, CliJson.Options));
        }
        else
        {
            await console.Out.WriteLineAsync($"Revoked {rotation.Revoked} operator token(s); the new one for '{rotation.Owner.UserName}' was written to {output.Path}.");
        }
        return ExitCodes.Success;
    }
}
