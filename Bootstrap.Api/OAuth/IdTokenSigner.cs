using System.Buffers.Text;
using System.Security.Cryptography;
using Bootstrap.Api.Data;
using Bootstrap.Api.KeyRing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.OAuth;

/// <summary>
/// The installation's id_token signing key (<see cref="OidcSigningKey"/>): read once, created on first use
/// if no replica has created it yet, and kept in memory afterwards.
/// </summary>
public sealed class IdTokenSigner(IServiceScopeFactory scopes, KeyRingKey keyRingKey, TimeProvider clock) : IDisposable
{
    private const int CurrentGeneration = 1;
    private const int KeySizeInBits = 2048;
    internal static readonly byte[] AssociatedData = "Bootstrap OIDC signing key"u8.ToArray();

    private readonly SemaphoreSlim _loading = new(1, 1);
    private SigningKey? _key;

    public async ValueTask<SigningKey> GetAsync(CancellationToken cancellationToken)
    {
        if (_key is { } loaded)
        {
            return loaded;
        }
        await _loading.WaitAsync(cancellationToken);
        try
        {
            return _key ??= await LoadOrCreateAsync(cancellationToken);
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<SigningKey> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BootstrapDbContext>();
        var stored = await db.OidcSigningKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Generation == CurrentGeneration, cancellationToken);
        if (stored is null)
        {
            using var rsa = RSA.Create(KeySizeInBits);
            var privateKey = rsa.ExportPkcs8PrivateKey();
            stored = new OidcSigningKey
            {
                Generation = CurrentGeneration,
                KeyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                SealedPrivateKey = keyRingKey.Seal(privateKey, AssociatedData),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            CryptographicOperations.ZeroMemory(privateKey);
            db.OidcSigningKeys.Add(stored);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another replica created it first: its key is the key.
                db.ChangeTracker.Clear();
                stored = await db.OidcSigningKeys.AsNoTracking().SingleAsync(k => k.Generation == CurrentGeneration, cancellationToken);
            }
        }
        return Open(stored);
    }

    private SigningKey Open(OidcSigningKey stored)
    {
        var privateKey = keyRingKey.Open(stored.SealedPrivateKey, AssociatedData);
        try
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(privateKey, out _);
            return new SigningKey(stored.KeyId, rsa);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    public void Dispose()
    {
        _key?.Rsa.Dispose();
        _loading.Dispose();
    }
}

/// <summary>A loaded signing key: its <c>kid</c> and the RSA key (private half included: never serialize it whole).</summary>
public sealed record SigningKey(string KeyId, RSA Rsa)
{
    /// <summary>The public members only (RFC 7517 §6.3.1: <c>n</c>, <c>e</c>), as a JWKS entry.</summary>
    public object PublicJwk()
    {
        var parameters = Rsa.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = KeyId,
            ["n"] = Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = Base64Url.EncodeToString(parameters.Exponent),
        };
    }
}
