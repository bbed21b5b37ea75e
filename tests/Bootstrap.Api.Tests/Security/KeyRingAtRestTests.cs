using System.Net;
using System.Runtime.Versioning;
using System.Text;
using Bootstrap.Api.KeyRing;
using Bootstrap.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.Tests.Security;

/// <summary>The data-protection key ring is encrypted at rest with a key held outside the database, and the SQLite files are the owner's only.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class KeyRingAtRestTests
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;
    private static readonly WebApplicationFactoryClientOptions NoCookieJar = new() { HandleCookies = false };

    [Theory, OnSqlite, OnPostgres]
    public async Task CopyOfTheDatabase_ShouldRejectSessionCookiesUnlessItHasTheKey(DatabaseProvider provider)
    {
        using var firstHost = new TempFolder();
        using var secondHost = new TempFolder();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = new BootstrapApiFactory(settings: KeyFile(firstHost.File("data-protection.key")), database: database);
        await first.CompleteFirstRunAsync();
        var cookie = await SignInAsync(first);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(first, cookie));

        await using var copy = await database.CopyAsync();
        await using var stranger = new BootstrapApiFactory(settings: KeyFile(secondHost.File("data-protection.key")), database: copy);
        await using var replicaSharingTheFile = new BootstrapApiFactory(settings: KeyFile(firstHost.File("data-protection.key")), database: copy);
        await using var replicaGivenTheKey = new BootstrapApiFactory(database: copy, settings: new Dictionary<string, string?>
        {
            ["SystemApi:Token"] = BootstrapApiFactory.SystemToken,
            [KeyRingProtection.KeySetting] = File.ReadAllText(firstHost.File("data-protection.key")),
        });

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(stranger, cookie));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(replicaSharingTheFile, cookie));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(replicaGivenTheKey, cookie));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(first, cookie));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task KeyRingInTheDatabase_ShouldHoldNoMasterKeyInPlainForm(DatabaseProvider provider)
    {
        using var host = new TempFolder();
        await using var app = await BootstrapApiFactory.OnAsync(provider, settings: KeyFile(host.File("data-protection.key")));
        await app.CompleteFirstRunAsync();
        await SignInAsync(app);

        await using var db = app.Database.NewContext();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("<encryptedSecret decryptorType=\"" + typeof(KeyRingXmlDecryptor).FullName, xml, StringComparison.Ordinal);
            Assert.Contains("<aesGcmEncryptedKey", xml, StringComparison.Ordinal);
        });
        if (provider == DatabaseProvider.Sqlite)
        {
            Assert.DoesNotContain("masterKey", Encoding.UTF8.GetString(app.ReadDatabaseBytes()), StringComparison.Ordinal);
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task KeyStoredBeforeEncryption_ShouldStillBeRead(DatabaseProvider provider)
    {
        using var host = new TempFolder();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var earlier = new BootstrapApiFactory(
            services => services.PostConfigure<KeyManagementOptions>(options => options.XmlEncryptor = null),
            KeyFile(host.File("data-protection.key")), database: database);
        await earlier.CompleteFirstRunAsync();
        var cookie = await SignInAsync(earlier);
        await using (var db = database.NewContext())
        {
            Assert.Contains("<masterKey", Assert.Single(await db.DataProtectionKeys.ToListAsync()).Xml, StringComparison.Ordinal);
        }

        await using var now = new BootstrapApiFactory(settings: KeyFile(host.File("data-protection.key")), database: database);

        Assert.Equal(HttpStatusCode.OK, await MeAsync(now, cookie));
    }

    [Fact]
    public async Task FreshDataFolder_ShouldBeCreatedForTheOwnerOnly()
    {
        using var parent = new TempFolder();
        var dataFolder = parent.File("data");
        await using var app = new BootstrapApiFactory(database: TestDatabase.Sqlite(Path.Combine(dataFolder, "bootstrap.db")));
        await app.CompleteFirstRunAsync();
        await SignInAsync(app);

        Assert.Equal(OwnerOnlyFolder, TempFolder.ModeOf(dataFolder));
        Assert.All(new[] { "bootstrap.db", "bootstrap.db-wal", "bootstrap.db-shm", KeyRingProtection.DefaultKeyFileName },
            name => Assert.Equal(OwnerOnlyFile, TempFolder.ModeOf(Path.Combine(dataFolder, name))));
    }

    [Fact]
    public async Task ExistingDataFolder_ShouldHaveItsDatabaseFilesTightenedAndKeepItsOwnMode()
    {
        using var dataFolder = new TempFolder();
        const UnixFileMode readableByAll = OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        var folderMode = OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(dataFolder.Path, folderMode);
        var databasePath = dataFolder.File("bootstrap.db");
        // As an earlier version left it: a database in WAL mode, its files readable by everyone.
        await using (var earlier = new SqliteConnection($"Data Source={databasePath};Pooling=False"))
        {
            await earlier.OpenAsync();
            await using (var wal = earlier.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE earlier(id INTEGER);";
                await wal.ExecuteNonQueryAsync();
            }
            foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
            {
                File.SetUnixFileMode(file, readableByAll);
            }

            await using var app = new BootstrapApiFactory(database: TestDatabase.Sqlite(databasePath));
            await app.CompleteFirstRunAsync();

            Assert.All(new[] { "bootstrap.db", "bootstrap.db-wal", "bootstrap.db-shm", KeyRingProtection.DefaultKeyFileName },
                name => Assert.Equal(OwnerOnlyFile, TempFolder.ModeOf(dataFolder.File(name))));
            Assert.Equal(folderMode, TempFolder.ModeOf(dataFolder.Path));
        }
    }

    [Fact]
    public async Task MalformedKey_ShouldStopTheStartNamingTheSetting()
    {
        await using var app = new BootstrapApiFactory(settings: new Dictionary<string, string?>
        {
            ["SystemApi:Token"] = BootstrapApiFactory.SystemToken,
            [KeyRingProtection.KeySetting] = Convert.ToBase64String(new byte[16]),
        });

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(KeyRingProtection.KeySetting, failure.ToString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> KeyFile(string path) => new()
    {
        ["SystemApi:Token"] = BootstrapApiFactory.SystemToken,
        [KeyRingProtection.KeyFileSetting] = path,
    };

    private static async Task<string> SignInAsync(BootstrapApiFactory app)
    {
        var signedIn = await app.CreateClient(NoCookieJar).SignInAsync("admin", Requests.Password);
        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        return signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bootstrap-session=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task<HttpStatusCode> MeAsync(BootstrapApiFactory app, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/me");
        request.Headers.Add("Cookie", cookie);
        return (await app.CreateClient(NoCookieJar).SendAsync(request)).StatusCode;
    }
}
