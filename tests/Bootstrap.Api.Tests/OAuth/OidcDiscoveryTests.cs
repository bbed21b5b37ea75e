using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bootstrap.Api.KeyRing;
using Bootstrap.Api.OAuth;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Setup;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Tests.OAuth;

/// <summary>OIDC discovery per instance, the public signing keys, and the id_token of the JWT-profile grant.</summary>
public sealed class OidcDiscoveryTests
{
    private const string PublicUrl = "https://bootstrap.example.com:8443";
    private const string ZitadelNodeScope = "openid urn:zitadel:iam:org:project:id:zitadel:aud";

    private static Dictionary<string, string?> Settings(string? keyRingKey = null) => new()
    {
        ["SystemApi:Token"] = BootstrapApiFactory.SystemToken,
        ["PublicUrl"] = PublicUrl,
        [KeyRingProtection.KeySetting] = keyRingKey ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    [Theory, OnSqlite, OnPostgres]
    public async Task Discovery_ShouldNameEachInstancesIssuerBeforeAndAfterSetup(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider, settings: Settings());
        var client = app.CreateClient();

        var beforeSetup = await client.GetAsync("/.well-known/openid-configuration");
        var keysBeforeSetup = await client.GetAsync("/oauth/v2/keys");
        await app.CompleteFirstRunAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.PostSystemAsync("/system/v1/instances/_create", ZitadelFixtures.CreateInstance("second.test"))).StatusCode);
        var defaultInstance = await (await client.GetAsync("/.well-known/openid-configuration")).ReadJsonAsync();
        var secondInstance = await (await app.CreateClientFor("second.test").GetAsync("/.well-known/openid-configuration")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, beforeSetup.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keysBeforeSetup.StatusCode);
        Assert.Equal(PublicUrl, (await beforeSetup.ReadJsonAsync()).GetProperty("issuer").GetString());
        Assert.Equal(PublicUrl, defaultInstance.GetProperty("issuer").GetString());
        Assert.Equal("https://second.test:8443", secondInstance.GetProperty("issuer").GetString());
        Assert.Equal("https://second.test:8443/oauth/v2/token", secondInstance.GetProperty("token_endpoint").GetString());
        Assert.Equal("https://second.test:8443/oauth/v2/keys", secondInstance.GetProperty("jwks_uri").GetString());
        Assert.Contains("urn:ietf:params:oauth:grant-type:jwt-bearer", Strings(secondInstance, "grant_types_supported"));
        Assert.Contains("openid", Strings(secondInstance, "scopes_supported"));
        Assert.Equal(["public"], Strings(secondInstance, "subject_types_supported"));
        Assert.Equal(["RS256"], Strings(secondInstance, "id_token_signing_alg_values_supported"));
        Assert.Empty(Strings(secondInstance, "response_types_supported"));
        Assert.Contains("sub", Strings(secondInstance, "claims_supported"));
        Assert.Equal(["none"], Strings(secondInstance, "token_endpoint_auth_methods_supported"));
        Assert.False(secondInstance.TryGetProperty("authorization_endpoint", out _), "no authorization endpoint is served");
    }

    [Fact]
    public async Task Jwks_ShouldPublishOnlyPublicMembers()
    {
        await using var app = new BootstrapApiFactory(settings: Settings());

        var keys = (await (await app.CreateClient().GetAsync("/oauth/v2/keys")).ReadJsonAsync()).GetProperty("keys");

        var key = Assert.Single(keys.EnumerateArray());
        Assert.Equal(["kty", "use", "alg", "kid", "n", "e"], key.PropertyNames());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TokenEndpoint_ShouldReturnAnIdTokenThatVerifiesAgainstTheJwks(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider, settings: Settings());
        var client = app.CreateClient();
        var setup = await (await client.PostJsonAsync("/api/setup", Requests.NativeSetup())).ReadJsonAsync();
        var key = MachineKeyFile.FromBase64(setup.GetProperty("machine").GetProperty("machineKey").GetString()!);

        var withOpenId = await client.ExchangeAsync(ZitadelFixtures.SignAssertion(key, PublicUrl), scope: ZitadelNodeScope);
        var withoutOpenId = await client.ExchangeAsync(ZitadelFixtures.SignAssertion(key, PublicUrl, jti: "without-openid"), scope: "profile");
        var withoutScope = await client.ExchangeAsync(ZitadelFixtures.SignAssertion(key, PublicUrl, jti: "without-scope"), scope: null);
        var jwks = await (await client.GetAsync("/oauth/v2/keys")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, withOpenId.StatusCode);
        var idToken = (await withOpenId.ReadJsonAsync()).GetProperty("id_token").GetString()!;
        var (header, claims) = VerifiedParts(idToken, jwks);
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal(PublicUrl, claims.GetProperty("iss").GetString());
        Assert.Equal(key.UserId, claims.GetProperty("sub").GetString());
        Assert.Equal([key.UserId], Strings(claims, "aud"));
        var issuedAt = claims.GetProperty("iat").GetInt64();
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - issuedAt, -5, 60);
        Assert.Equal(issuedAt + 3600, claims.GetProperty("exp").GetInt64());
        Assert.Equal(issuedAt, claims.GetProperty("auth_time").GetInt64());

        Assert.Equal(HttpStatusCode.OK, withoutOpenId.StatusCode);
        Assert.False((await withoutOpenId.ReadJsonAsync()).TryGetProperty("id_token", out _));

        Assert.Equal(HttpStatusCode.BadRequest, withoutScope.StatusCode);
        var error = await withoutScope.ReadJsonAsync();
        Assert.Equal("invalid_request", error.GetProperty("error").GetString());
        Assert.Equal(JwtProfileGrant.MissingScopeDescription, error.GetProperty("error_description").GetString());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SigningKey_ShouldBeOneForEveryReplicaAndSealedAtRest(DatabaseProvider provider)
    {
        var settings = Settings();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = new BootstrapApiFactory(settings: settings, database: database);
        await using var second = new BootstrapApiFactory(settings: settings, database: database);

        var answers = await Task.WhenAll(first.CreateClient().GetStringAsync("/oauth/v2/keys"), second.CreateClient().GetStringAsync("/oauth/v2/keys"));
        await using var restarted = new BootstrapApiFactory(settings: settings, database: database);
        var afterRestart = await restarted.CreateClient().GetStringAsync("/oauth/v2/keys");

        Assert.Equal(answers[0], answers[1]);
        Assert.Equal(answers[0], afterRestart);
        var stored = await first.QueryAsync(db => db.OidcSigningKeys.SingleAsync());
        var signer = (IdTokenSigner)first.Services.GetService(typeof(IdTokenSigner))!;
        var privateKey = (await signer.GetAsync(CancellationToken.None)).Rsa.ExportPkcs8PrivateKey();
        Assert.Equal(-1, stored.SealedPrivateKey.AsSpan().IndexOf(privateKey.AsSpan(privateKey.Length - 64)));
        Assert.ThrowsAny<CryptographicException>(() => RSA.Create().ImportPkcs8PrivateKey(stored.SealedPrivateKey, out _));
    }

    private static (JsonElement Header, JsonElement Claims) VerifiedParts(string jwt, JsonElement jwks)
    {
        var parts = jwt.Split('.');
        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
        var jwk = Assert.Single(jwks.GetProperty("keys").EnumerateArray(), k => k.GetProperty("kid").GetString() == header.GetProperty("kid").GetString());
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars(jwk.GetProperty("n").GetString()),
            Exponent = Base64Url.DecodeFromChars(jwk.GetProperty("e").GetString()),
        });
        Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), "the id_token does not verify with the JWKS key");
        return (header, JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement);
    }

    private static string[] Strings(JsonElement element, string name) =>
        [.. element.GetProperty(name).EnumerateArray().Select(value => value.GetString()!)];
}
