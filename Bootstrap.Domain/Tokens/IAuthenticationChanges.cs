namespace Bootstrap.Domain.Tokens;

/// <summary>
/// Told once a change to what authenticates a caller (a token revoked, a user updated or deleted) has
/// committed, so that this process stops trusting what it remembered from before. Implemented in
/// Bootstrap.Api, where it empties the token cache.
/// </summary>
public interface IAuthenticationChanges
{
    void Committed();
}
