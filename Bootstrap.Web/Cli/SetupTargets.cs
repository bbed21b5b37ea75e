using Bootstrap.Api.Native;
using Bootstrap.Api.Native.Setup;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Bootstrap.Web.Setup;
using FluentValidation;

namespace Bootstrap.Web.Cli;

/// <summary>Where <c>setup</c> sends its request: a running server (<see cref="RemoteSetup"/>) or the database itself (<see cref="OfflineSetup"/>).</summary>
internal abstract class SetupTarget : IAsyncDisposable
{
    /// <summary>The request's validation failures when they can be known before anything is reserved; null when the target validates as it completes.</summary>
    public abstract Task<SetupOutcome.Rejected?> ValidateAsync(SetupRequest request, CancellationToken cancellationToken);

    public abstract Task<bool> IsSetUpAsync(CancellationToken cancellationToken);

    public abstract Task<SetupOutcome> CompleteAsync(SetupRequest request, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}

/// <summary>The server at <c>--url</c>, through the wizard's own <see cref="SetupApiClient"/>: channel api, like any script.</summary>
internal sealed class RemoteSetup(Uri url, string? claimToken) : SetupTarget
{
    private readonly HttpClient _http = CliHttp.CreateClient(url);

    public Uri Url => url;

    private SetupApiClient Client => new(_http, relay: null);

    public override Task<SetupOutcome.Rejected?> ValidateAsync(SetupRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<SetupOutcome.Rejected?>(null);

    public override async Task<bool> IsSetUpAsync(CancellationToken cancellationToken) =>
        !(await Client.GetStatusAsync(cancellationToken)).Allowed;

    public override Task<SetupOutcome> CompleteAsync(SetupRequest request, CancellationToken cancellationToken) =>
        Client.CompleteAsync(request, claimToken, cancellationToken);

    public override ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The database of the server's configuration, with the same validator and <see cref="SetupService"/>: channel cli.</summary>
internal sealed class OfflineSetup(OfflineHost host) : SetupTarget
{
    public static async Task<OfflineSetup> StartAsync(CancellationToken cancellationToken) => new(await OfflineHost.StartAsync(cancellationToken));

    public override async Task<SetupOutcome.Rejected?> ValidateAsync(SetupRequest request, CancellationToken cancellationToken)
    {
        var validation = await host.Get<IValidator<SetupRequest>>().ValidateAsync(request, cancellationToken);
        return validation.IsValid ? null : new SetupOutcome.Rejected(NativeErrorMapper.ErrorsByJsonPath(validation.Errors), Message: null);
    }

    public override async Task<bool> IsSetUpAsync(CancellationToken cancellationToken) =>
        !(await host.Get<SetupService>().GetFirstRunStatusAsync(cancellationToken)).Allowed;

    public override async Task<SetupOutcome> CompleteAsync(SetupRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var result = await host.Get<SetupService>().CompleteFirstRunAsync(
                request.ToCommand(), new SetupContext(SetupChannel.Cli, RemoteAddress: null), cancellationToken);
            return new SetupOutcome.Created(SetupResponse.From(result));
        }
        catch (SetupAlreadyCompletedException)
        {
            return new SetupOutcome.AlreadySetUp();
        }
    }

    public override ValueTask DisposeAsync() => host.DisposeAsync();
}
