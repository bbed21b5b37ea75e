using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bootstrap.Domain.Setup;

namespace Bootstrap.Api.Tests.Infrastructure;

public static class ZitadelFixtures
{
    public const string StrongPassword = "Sec-ret-123!";

    /// <summary>A CreateInstance body; its owner is a proto <c>oneof</c>, so asking for both owners builds a body Zitadel refuses.</summary>
    public static Dictionary<string, object?> CreateInstance(string? domain = null, bool human = false, bool machine = true)
    {
        var body = new Dictionary<string, object?> { ["instanceName"] = "Second", ["customDomain"] = domain };
        if (human)
        {
            body["human"] = new
            {
                userName = "owner",
                email = new { email = "owner@second.test", isEmailVerified = true },
                profile = new { firstName = "Olga", lastName = "Owner", preferredLanguage = "en" },
                password = new { password = StrongPassword, passwordChangeRequired = false },
            };
        }
        if (machine)
        {
            body["machine"] = new
            {
                userName = "robot",
                name = "Robot",
                personalAccessToken = new { },
                machineKey = new { type = "KEY_TYPE_JSON" },
            };
        }
        return body;
    }

    public static Task<HttpResponseMessage> PostSystemAsync(this HttpClient client, string path, object body, string token = BootstrapApiFactory.SystemToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostBearerAsync(this HttpClient client, string path, object body, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    /// <summary>
    /// An RS256 JWT profile assertion signed with the key file's private key, as Zitadel's SDKs build it:
    /// without <c>jti</c> or <c>nbf</c> unless asked (@zitadel/node sends neither).
    /// </summary>
    public static string SignAssertion(
        MachineKeyFile keyFile, string audience, DateTimeOffset? issuedAt = null, TimeSpan? lifetime = null, string? kid = null, string? subject = null,
        string? jti = null, DateTimeOffset? notBefore = null)
    {
        var iat = issuedAt ?? DateTimeOffset.UtcNow;
        var header = Encode(new { alg = "RS256", typ = "JWT", kid = kid ?? keyFile.KeyId });
        var claims = new Dictionary<string, object>
        {
            ["iss"] = subject ?? keyFile.UserId,
            ["sub"] = subject ?? keyFile.UserId,
            ["aud"] = audience,
            ["iat"] = iat.ToUnixTimeSeconds(),
            ["exp"] = (iat + (lifetime ?? TimeSpan.FromMinutes(5))).ToUnixTimeSeconds(),
        };
        if (jti is not null)
        {
            claims["jti"] = jti;
        }
        if (notBefore is { } nbf)
        {
            claims["nbf"] = nbf.ToUnixTimeSeconds();
        }
        var payload = Encode(claims);
        using var rsa = RSA.Create();
        rsa.ImportFromPem(keyFile.Key);
        var signature = rsa.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url.EncodeToString(signature)}";
    }

    /// <param name="scope">Zitadel's SDKs send <c>openid</c> and more; null leaves the field out.</param>
    public static Task<HttpResponseMessage> ExchangeAsync(this HttpClient client, string assertion, string grantType = "urn:ietf:params:oauth:grant-type:jwt-bearer",
        string? scope = "openid profile")
    {
        var form = new Dictionary<string, string> { ["grant_type"] = grantType, ["assertion"] = assertion };
        if (scope is not null)
        {
            form["scope"] = scope;
        }
        return client.PostAsync("/oauth/v2/token", new FormUrlEncodedContent(form));
    }

    private static string Encode(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}
