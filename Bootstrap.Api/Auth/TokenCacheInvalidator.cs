using Bootstrap.Domain.Tokens;

namespace Bootstrap.Api.Auth;

/// <summary>Empties this process's <see cref="TokenCache"/> once a change to tokens or users has committed.</summary>
public sealed class TokenCacheInvalidator(TokenCache cache) : IAuthenticationChanges
{
    public void Committed() => cache.Invalidate();
}
