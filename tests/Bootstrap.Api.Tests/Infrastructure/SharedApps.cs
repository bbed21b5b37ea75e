namespace Bootstrap.Api.Tests.Infrastructure;

/// <summary>
/// One fresh app (SQLite), before its first run, shared by the read-only cases of a test class
/// (<c>IClassFixture&lt;SharedFreshApp&gt;</c>): refused input, health, unauthenticated calls. Each such case
/// asserts that nothing was written, so a case that does write fails itself rather than a later one silently.
/// </summary>
public sealed class SharedFreshApp : IAsyncLifetime
{
    public BootstrapApiFactory App { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}

/// <summary>As <see cref="SharedFreshApp"/>, for read-only cases that need the first run done (Influx onboarding).</summary>
public sealed class SharedSetUpApp : IAsyncLifetime
{
    public BootstrapApiFactory App { get; } = new();

    public async Task InitializeAsync() => await App.CompleteFirstRunAsync();

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}
