using System.Net;
using System.Security.Cryptography;
using Bootstrap.Api.Tests.Headless;
using Bootstrap.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Bootstrap.Api.Tests.Zitadel;

/// <summary>Zitadel's <c>SystemAPIUsers</c>: a configured public key per user, and self-signed JWTs checked as Zitadel's verifier checks them.</summary>
public sealed class SystemUserTests : IDisposable
{
    private const string PublicUrl = "http://localhost";
    private const string CreatePath = "/system/v1/instances/_create";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ECDsa _ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly RSA _certificateKey = RSA.Create(2048);
    private readonly RSA _pathKey = RSA.Create(2048);
    private readonly RSA _stranger = RSA.Create(2048);
    private readonly Ed25519PrivateKeyParameters _ed25519 = new(new SecureRandom());
    private readonly Ed25519PrivateKeyParameters _ed25519Certified = new(new SecureRandom());
    private readonly Ed25519PrivateKeyParameters _ed25519Stranger = new(new SecureRandom());
    private readonly TempFolder _folder = new();

    private Dictionary<string, string?> Settings()
    {
        var now = DateTimeOffset.UtcNow;
        using var valid = SystemUserJwts.SelfSignedCertificate(_certificateKey, now.AddDays(-1), now.AddDays(1));
        using var expired = SystemUserJwts.SelfSignedCertificate(_certificateKey, now.AddDays(-2), now.AddDays(-1));
        using var notYetValid = SystemUserJwts.SelfSignedCertificate(_certificateKey, now.AddDays(1), now.AddDays(2));
        using var ed25519Certificate = SystemUserJwts.Ed25519Certificate(_ed25519Certified.GeneratePublicKey(), _certificateKey, now.AddDays(-1), now.AddDays(1));
        var path = _folder.File("path-user.pem");
        File.WriteAllText(path, _pathKey.ExportSubjectPublicKeyInfoPem());
        return new Dictionary<string, string?>
        {
            ["PublicUrl"] = PublicUrl,
            ["SystemApi:Users:rsa-user:KeyData"] = SystemUserJwts.KeyData(_rsa),
            ["SystemApi:Users:ec-user:KeyData"] = SystemUserJwts.KeyData(_ec),
            ["SystemApi:Users:cert-user:KeyData"] = SystemUserJwts.KeyData(valid),
            ["SystemApi:Users:expired-cert-user:KeyData"] = SystemUserJwts.KeyData(expired),
            ["SystemApi:Users:future-cert-user:KeyData"] = SystemUserJwts.KeyData(notYetValid),
            ["SystemApi:Users:path-user:Path"] = path,
            ["SystemApi:Users:ed25519-user:KeyData"] = SystemUserJwts.KeyData(_ed25519.GeneratePublicKey()),
            ["SystemApi:Users:ed25519-cert-user:KeyData"] = SystemUserJwts.KeyData(ed25519Certificate),
        };
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SystemUserJwt_ShouldCreateAnInstanceOnTheJsonDoorForEveryKeyKind(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider, settings: Settings());
        await app.CompleteFirstRunAsync();
        var client = app.CreateClient();
        var tokens = new Dictionary<string, string>
        {
            ["rsa RS256"] = SystemUserJwts.Sign(_rsa, "RS256", SystemUserJwts.Claims("rsa-user", PublicUrl)),
            ["rsa PS256, aud array, kid ignored"] = SystemUserJwts.Sign(_rsa, "PS256", SystemUserJwts.Claims("rsa-user", new[] { "other", PublicUrl + "/" }), kid: "whatever"),
            ["ec ES256"] = SystemUserJwts.Sign(_ec, "ES256", SystemUserJwts.Claims("ec-user", PublicUrl)),
            ["certificate"] = SystemUserJwts.Sign(_certificateKey, "RS256", SystemUserJwts.Claims("cert-user", PublicUrl)),
            ["path"] = SystemUserJwts.Sign(_pathKey, "RS256", SystemUserJwts.Claims("path-user", PublicUrl)),
            ["ed25519 EdDSA"] = SystemUserJwts.SignEdDsa(_ed25519, SystemUserJwts.Claims("ed25519-user", PublicUrl)),
            ["ed25519 certificate"] = SystemUserJwts.SignEdDsa(_ed25519Certified, SystemUserJwts.Claims("ed25519-cert-user", PublicUrl)),
        };

        var number = 0;
        foreach (var (name, token) in tokens)
        {
            var response = await client.PostSystemAsync(CreatePath, ZitadelFixtures.CreateInstance($"jwt{++number}.test"), token);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        var staticToken = await client.PostSystemAsync(CreatePath, ZitadelFixtures.CreateInstance("static.test"));
        Assert.Equal(HttpStatusCode.Unauthorized, staticToken.StatusCode);
    }

    [Fact]
    public async Task SystemUserJwt_ShouldBeRefusedWithUnauthenticatedForEveryFailedCheck()
    {
        await using var app = new BootstrapApiFactory(settings: Settings());
        await app.CompleteFirstRunAsync();
        var client = app.CreateClient();
        var now = DateTimeOffset.UtcNow;
        Dictionary<string, object> Claims(Action<Dictionary<string, object>>? change = null, string user = "rsa-user", DateTimeOffset? iat = null, TimeSpan? lifetime = null)
        {
            var claims = SystemUserJwts.Claims(user, PublicUrl, iat, lifetime);
            change?.Invoke(claims);
            return claims;
        }
        var cases = new Dictionary<string, string>
        {
            ["forged signature"] = SystemUserJwts.Sign(_stranger, "RS256", Claims()),
            ["iss and sub of another configured user"] = SystemUserJwts.Sign(_rsa, "RS256", Claims(user: "ec-user")),
            ["sub differs from iss"] = SystemUserJwts.Sign(_rsa, "RS256", Claims(c => c["sub"] = "ec-user")),
            ["unknown user"] = SystemUserJwts.Sign(_rsa, "RS256", Claims(user: "nobody")),
            ["aud without PublicUrl"] = SystemUserJwts.Sign(_rsa, "RS256", Claims(c => c["aud"] = "https://elsewhere.example")),
            ["aud missing"] = SystemUserJwts.Sign(_rsa, "RS256", Claims(c => c.Remove("aud"))),
            ["iat missing"] = SystemUserJwts.Sign(_rsa, "RS256", Claims(c => c.Remove("iat"))),
            ["iat over an hour old"] = SystemUserJwts.Sign(_rsa, "RS256", Claims(iat: now.AddMinutes(-61), lifetime: TimeSpan.FromHours(2))),
            ["iat in the future"] = SystemUserJwts.Sign(_rsa, "RS256", Claims(iat: now.AddMinutes(2))),
            ["exp past"] = SystemUserJwts.Sign(_rsa, "RS256", Claims(iat: now.AddMinutes(-10), lifetime: TimeSpan.FromMinutes(5))),
            ["alg none"] = SystemUserJwts.Sign(_rsa, "none", Claims()),
            ["HS256 keyed with the public key"] = SystemUserJwts.Sign(_rsa, "HS256", Claims()),
            ["ES256 header on an RSA user"] = SystemUserJwts.Sign(_ec, "ES256", Claims()),
            ["forged EdDSA signature"] = SystemUserJwts.SignEdDsa(_ed25519Stranger, Claims(user: "ed25519-user")),
            ["ES256 header on an Ed25519 user"] = SystemUserJwts.Sign(_ec, "ES256", Claims(user: "ed25519-user")),
            ["RS256 header on an Ed25519 user"] = SystemUserJwts.Sign(_rsa, "RS256", Claims(user: "ed25519-user")),
            ["EdDSA header on an RSA user"] = SystemUserJwts.SignEdDsa(_ed25519, Claims()),
            ["expired certificate"] = SystemUserJwts.Sign(_certificateKey, "RS256", Claims(user: "expired-cert-user")),
            ["certificate not valid yet"] = SystemUserJwts.Sign(_certificateKey, "RS256", Claims(user: "future-cert-user")),
        };

        foreach (var (name, token) in cases)
        {
            var response = await client.PostSystemAsync(CreatePath, ZitadelFixtures.CreateInstance("refused.test"), token);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name}: {response.StatusCode} {body}");
            Assert.True((await response.ReadJsonAsync()).GetProperty("code").GetInt32() == 16, $"{name}: {body}");
        }
        var refusals = app.Logs.Entries.Where(e => e.Message.StartsWith("Refused a system API JWT", StringComparison.Ordinal)).ToList();
        Assert.Equal(cases.Count, refusals.Count);
        Assert.All(refusals, entry => Assert.Equal(LogLevel.Information, entry.Level));
        var claimParts = cases.Values.Select(token => token.Split('.')[1]).ToList();
        Assert.DoesNotContain(app.Logs.Entries, entry => claimParts.Any(part => entry.Message.Contains(part, StringComparison.Ordinal)));
        Assert.Equal(1, await app.CountAsync<Bootstrap.Domain.Entities.Instance>());
    }

    [Fact]
    public async Task SystemUserJwt_ShouldNamePublicUrlOrTheRoutedInstancesIssuerAsAudience()
    {
        var settings = Settings();
        settings["PublicUrl"] = "https://bootstrap.example.com:8443";
        settings["SystemApi:Token"] = BootstrapApiFactory.SystemToken;
        await using var app = new BootstrapApiFactory(settings: settings);
        await app.CompleteFirstRunAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostSystemAsync(CreatePath, ZitadelFixtures.CreateInstance("second.test"))).StatusCode);
        var second = app.CreateClientFor("second.test");
        string Token(string audience) => SystemUserJwts.Sign(_rsa, "RS256", SystemUserJwts.Claims("rsa-user", audience));

        var publicUrl = await second.PostSystemAsync(CreatePath, ZitadelFixtures.CreateInstance("third.test"), Token("https://bootstrap.example.com:8443"));
        var routedIssuer = await second.PostSystemAsync(CreatePath, ZitadelFixtures.CreateInstance("fourth.test"), Token("https://second.test:8443"));
        var requestOrigin = await second.PostSystemAsync(CreatePath, ZitadelFixtures.CreateInstance("fifth.test"), Token("http://second.test"));
        var spoofedHost = await app.CreateClientFor("attacker.example").PostSystemAsync(CreatePath, ZitadelFixtures.CreateInstance("sixth.test"), Token("http://attacker.example"));

        Assert.Equal(HttpStatusCode.OK, publicUrl.StatusCode);
        Assert.Equal(HttpStatusCode.OK, routedIssuer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, requestOrigin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, spoofedHost.StatusCode);
    }

    [Fact]
    public async Task StaticToken_ShouldStillWorkBesideSystemUsers()
    {
        var settings = Settings();
        settings["SystemApi:Token"] = BootstrapApiFactory.SystemToken;
        await using var app = new BootstrapApiFactory(settings: settings);
        await app.CompleteFirstRunAsync();

        var response = await app.CreateClient().PostSystemAsync(CreatePath, ZitadelFixtures.CreateInstance("static.test"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, string?, string> BadUsers => new()
    {
        { "SystemApi:Users:u:KeyData", "not base64!", "SystemApi:Users:u:KeyData: is not base64" },
        { "SystemApi:Users:u:KeyData", Convert.ToBase64String("no pem here"u8), "SystemApi:Users:u:KeyData: holds no PEM block" },
        { "SystemApi:Users:u:KeyData", SystemUserJwts.Ed25519KeyData(new byte[31]), "SystemApi:Users:u:KeyData: cannot read the PUBLIC KEY: an Ed25519 public key is 32 bytes, not 31" },
        { "SystemApi:Users:u:KeyData", SystemUserJwts.Ed25519KeyData([.. Enumerable.Repeat((byte)0xFF, 31), 0x7F]), "SystemApi:Users:u:KeyData: cannot read the PUBLIC KEY: the Ed25519 public key is not a point on the curve" },
        { "SystemApi:Users:u:KeyData", SystemUserJwts.KeyData(ECDsa.Create(ECCurve.NamedCurves.nistP384)), "SystemApi:Users:u:KeyData: an EC key must be on P-256" },
        { "SystemApi:Users:u:KeyData", Convert.ToBase64String("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"u8), "SystemApi:Users:u:KeyData: a PEM 'PRIVATE KEY' block is not a public key" },
        { "SystemApi:Users:u:Path", "/nonexistent/system-user.pem", "SystemApi:Users:u:Path: cannot read '/nonexistent/system-user.pem'" },
        { "SystemApi:Users:u:Other", "x", "SystemApi:Users:u: set exactly one of KeyData" },
    };

    [Theory, MemberData(nameof(BadUsers))]
    public void BadSystemUser_ShouldFailStartupValidationNamingTheKey(string key, string? value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var provider = new ServiceCollection().AddLogging().AddBootstrapApi(configuration).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(message, failure.Message);
    }

    [Fact]
    public void SystemUserWithKeyDataAndPath_ShouldFailStartupValidationNamingTheUser()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SystemApi:Users:both:KeyData"] = SystemUserJwts.KeyData(_rsa),
            ["SystemApi:Users:both:Path"] = "/some/file.pem",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddBootstrapApi(configuration).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("SystemApi:Users:both: set exactly one of KeyData", failure.Message);
    }

    [Fact]
    public async Task BadSystemUser_ShouldExit78FromTheRealProcess()
    {
        using var cli = new CliWorkspace();

        var result = await BootstrapExecutable.RunAsync(cli.Folder, cli.DatabasePath, ["--urls", "http://127.0.0.1:0"],
            environment: new Dictionary<string, string?> { ["SystemApi__Users__ops__KeyData"] = "not-base64!" });

        Assert.True(result.ExitCode == 78, result.ToString());
        Assert.Contains("SystemApi:Users:ops:KeyData: is not base64", result.Stderr);
        Assert.False(File.Exists(cli.DatabasePath), "the database was created before the settings were checked");
    }

    public void Dispose()
    {
        _rsa.Dispose();
        _ec.Dispose();
        _certificateKey.Dispose();
        _pathKey.Dispose();
        _stranger.Dispose();
        _folder.Dispose();
    }
}
