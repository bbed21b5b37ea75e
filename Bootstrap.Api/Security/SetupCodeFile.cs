using Microsoft.Extensions.Options;

namespace Bootstrap.Api.Security;

/// <summary>
/// Where this server writes the setup code (<c>Setup:ClaimTokenPath</c>, resolved once). The start-up
/// log line and the wizard's hint name this path, so they always name the file the server really wrote.
/// </summary>
public sealed class SetupCodeFile(IOptions<SetupClaimOptions> options)
{
    public string FullPath { get; } = Path.GetFullPath(options.Value.ClaimTokenPath);
}
