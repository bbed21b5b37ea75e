namespace Bootstrap.E2E.Tests.Infrastructure;

/// <summary>One app that is never set up, shared by tests that stop short of creating the instance.</summary>
public sealed class FreshAppFixture : IAsyncLifetime
{
    public AppServer App { get; private set; } = default!;

    public async Task InitializeAsync() => App = await AppServer.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}
