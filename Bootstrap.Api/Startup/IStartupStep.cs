namespace Bootstrap.Api.Startup;

/// <summary>
/// Work that must finish before the first request is served: migrations, the claim token, the
/// FirstRun section. Steps run one after another, in the order they were registered.
/// </summary>
public interface IStartupStep
{
    Task RunAsync(CancellationToken cancellationToken);
}
