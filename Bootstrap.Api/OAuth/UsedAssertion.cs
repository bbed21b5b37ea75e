using Bootstrap.Domain.Entities;

namespace Bootstrap.Api.OAuth;

/// <summary>
/// A JWT-profile assertion that has been exchanged, remembered until it could no longer be accepted
/// anyway. Its unique key is what makes an assertion single-use across replicas: of two concurrent
/// exchanges, the database lets exactly one insert it.
/// </summary>
public sealed class UsedAssertion : IInstanceScoped
{
    public Guid InstanceId { get; set; }

    /// <summary>SHA-256 of the key's user and the <c>jti</c>, or of the signed part when there is no <c>jti</c>.</summary>
    public required byte[] KeyHash { get; set; }

    /// <summary>When the assertion's <c>exp</c> (with the clock skew) or its <c>iat</c> age limit refuses it anyway: the row can go then.</summary>
    public DateTime RememberUntil { get; set; }
}
