using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bootstrap.Api.Native.Setup;
using Bootstrap.Api.Security;
using Bootstrap.Api.Security.Callers;
using Bootstrap.Domain.Setup;
using Bootstrap.Web.Shared;

namespace Bootstrap.Web.Setup;

/// <summary>
/// The one typed client of <c>/api/setup</c>, used by the wizard and by the CLI's <c>setup</c> and
/// <c>status</c> verbs: plain HTTP, exactly what a script would send, and one reading of the answers'
/// problem details into a <see cref="SetupOutcome"/>. The wizard adds a relay signed in this process
/// that attributes the call to the browser behind the circuit.
/// </summary>
public sealed class SetupApiClient(HttpClient http, WizardRelay? relay)
{
    public const string ClaimTokenHeader = SetupClaim.HeaderName;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<SetupStatusResponse> GetStatusAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<SetupStatusResponse>("api/setup", Json, cancellationToken)
        ?? throw new InvalidOperationException("The setup status response was empty.");

    /// <summary>The wizard's setup, attributed to the browser behind the circuit.</summary>
    public Task<SetupOutcome> CompleteAsync(
        SetupRequest request, string? claimToken, ClientConnection client, CancellationToken cancellationToken = default) =>
        CompleteAsync(request, claimToken, AttributeTo(client), cancellationToken);

    /// <summary>
    /// Asks the server whether <paramref name="setupCode"/> is right without using it up, attributed to the
    /// browser behind the circuit: a wrong code counts toward that browser's claim-failure limit.
    /// </summary>
    /// <exception cref="HttpRequestException">The server could not be reached.</exception>
    public async Task<SetupCodeCheck> VerifySetupCodeAsync(string setupCode, ClientConnection client, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "api/setup/claim/verify");
        AttributeTo(client)(message);
        message.Headers.Add(ClaimTokenHeader, setupCode.Trim());

        using var response = await http.SendAsync(message, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => new SetupCodeCheck.Accepted(),
            HttpStatusCode.Unauthorized => new SetupCodeCheck.Rejected(),
            HttpStatusCode.TooManyRequests => new SetupCodeCheck.RateLimited(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMinutes(1)),
            HttpStatusCode.Conflict => new SetupCodeCheck.AlreadySetUp(),
            _ => new SetupCodeCheck.Failed(await ReadDetailAsync(response, cancellationToken) ?? $"The server answered {(int)response.StatusCode}."),
        };
    }

    /// <summary>A script's setup (the CLI): the server sees one more API client.</summary>
    /// <exception cref="HttpRequestException">The server could not be reached.</exception>
    public Task<SetupOutcome> CompleteAsync(SetupRequest request, string? claimToken, CancellationToken cancellationToken = default) =>
        CompleteAsync(request, claimToken, _ => { }, cancellationToken);

    private async Task<SetupOutcome> CompleteAsync(
        SetupRequest request, string? claimToken, Action<HttpRequestMessage> attribute, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "api/setup")
        {
            Content = JsonContent.Create(request, options: Json),
        };
        attribute(message);
        if (!string.IsNullOrWhiteSpace(claimToken))
        {
            message.Headers.Add(ClaimTokenHeader, claimToken.Trim());
        }

        using var response = await http.SendAsync(message, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.Created => new SetupOutcome.Created(
                await response.Content.ReadFromJsonAsync<SetupResponse>(Json, cancellationToken)
                ?? throw new InvalidOperationException("The setup response was empty.")),
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => await ReadRejectionAsync(response, cancellationToken),
            HttpStatusCode.Unauthorized => new SetupOutcome.ClaimRejected(await ReadDetailAsync(response, cancellationToken)),
            HttpStatusCode.Conflict => new SetupOutcome.AlreadySetUp(),
            _ => new SetupOutcome.Failed(await ReadDetailAsync(response, cancellationToken) ?? $"The server answered {(int)response.StatusCode}."),
        };
    }

    private Action<HttpRequestMessage> AttributeTo(ClientConnection client)
    {
        var signer = relay ?? throw new InvalidOperationException("The wizard's calls need the WizardRelay.");
        return message => message.Headers.Add(WizardRelay.HeaderName, signer.Sign(
            client.RemoteAddress is { } address ? IPAddress.Parse(address) : null, client.IsDirectLoopback));
    }

    private static async Task<SetupOutcome> ReadRejectionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var problem = await ReadProblemAsync(response, cancellationToken);
        var errors = problem?.Errors ?? new Dictionary<string, string[]>();
        return new SetupOutcome.Rejected(errors, problem?.Detail ?? problem?.Title);
    }

    private static async Task<string?> ReadDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var problem = await ReadProblemAsync(response, cancellationToken);
        return problem?.Detail ?? problem?.Title;
    }

    private static async Task<Problem?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<Problem>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>RFC 9457 problem details; <see cref="Errors"/> is present on validation problems.</summary>
    private sealed record Problem(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}

/// <summary>The server's answer to the claim step's setup code.</summary>
public abstract record SetupCodeCheck
{
    /// <summary>Right, or not needed from this browser after all.</summary>
    public sealed record Accepted : SetupCodeCheck;

    public sealed record Rejected : SetupCodeCheck;

    /// <summary>Too many wrong codes from this address: none is checked until <see cref="RetryAfter"/> has passed.</summary>
    public sealed record RateLimited(TimeSpan RetryAfter) : SetupCodeCheck;

    public sealed record AlreadySetUp : SetupCodeCheck;

    public sealed record Failed(string Message) : SetupCodeCheck;
}

/// <summary>What became of the one setup request.</summary>
public abstract record SetupOutcome
{
    public sealed record Created(SetupResponse Response) : SetupOutcome;

    /// <summary>Validation failures keyed by the request's JSON path (<c>admin.password</c>).</summary>
    public sealed record Rejected(IReadOnlyDictionary<string, string[]> Errors, string? Message) : SetupOutcome;

    public sealed record ClaimRejected(string? Message) : SetupOutcome;

    public sealed record AlreadySetUp : SetupOutcome;

    public sealed record Failed(string Message) : SetupOutcome;
}
