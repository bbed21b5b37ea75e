using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Security;
using Bootstrap.Domain.Setup;
using Bootstrap.Web.FirstRun;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Bootstrap.Api.Tests.Headless;

public sealed class FirstRunTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static Dictionary<string, string?> FirstRunSettings(TempFolder folder) => new()
    {
        ["FirstRun:Org"] = "Acme Corp",
        ["FirstRun:Bucket"] = "telemetry",
        ["FirstRun:RetentionSeconds"] = "604800",
        ["FirstRun:Admin:UserName"] = "admin",
        ["FirstRun:Admin:Email"] = "admin@acme.test",
        ["FirstRun:Admin:Password"] = Requests.Password,
        ["FirstRun:Machine:UserName"] = "ci-bot",
        ["FirstRun:Machine:Name"] = "CI robot",
        ["FirstRun:PatPath"] = folder.File("secrets/pat"),
        ["FirstRun:MachineKeyPath"] = folder.File("secrets/machine-key.json"),
        ["FirstRun:OperatorTokenPath"] = folder.File("secrets/operator"),
    };

    [Theory, OnSqlite, OnPostgres]
    public async Task FirstRunSection_ShouldSetUpAtStartAndWriteWorkingSecretsWithMode0600(DatabaseProvider provider)
    {
        using var folder = new TempFolder();
        await using var app = await BootstrapApiFactory.OnAsync(provider, settings: FirstRunSettings(folder));
        var client = app.CreateClient();

        Assert.Equal(["secrets/machine-key.json", "secrets/operator", "secrets/pat"], folder.FileNames());
        foreach (var file in folder.FileNames())
        {
            Assert.Equal(OwnerReadWrite, TempFolder.ModeOf(folder.File(file)));
        }

        var pat = await File.ReadAllTextAsync(folder.File("secrets/pat"));
        var me = await client.GetWithTokenAsync("/api/v2/me", pat, scheme: "Bearer");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("ci-bot", (await me.ReadJsonAsync()).GetProperty("name").GetString());

        var operatorToken = await File.ReadAllTextAsync(folder.File("secrets/operator"));
        var buckets = await (await client.GetWithTokenAsync("/api/v2/buckets", operatorToken)).ReadJsonAsync();
        var bucket = Assert.Single(buckets.GetProperty("buckets").EnumerateArray());
        Assert.Equal("telemetry", bucket.GetProperty("name").GetString());
        Assert.Equal(604800, bucket.GetProperty("retentionRules")[0].GetProperty("everySeconds").GetInt64());

        var keyFile = MachineKeyFile.FromBase64(Convert.ToBase64String(await File.ReadAllBytesAsync(folder.File("secrets/machine-key.json"))));
        Assert.Equal("serviceaccount", keyFile.Type);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", keyFile.Key);

        var signin = new HttpRequestMessage(HttpMethod.Post, "/api/v2/signin");
        signin.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{Requests.Password}")));
        var signedIn = await client.SendAsync(signin);
        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("bootstrap-session=", StringComparison.Ordinal));

        var status = await (await client.GetAsync("/api/setup")).ReadJsonAsync();
        Assert.False(status.GetProperty("allowed").GetBoolean());
        Assert.Equal("config", status.GetProperty("channel").GetString());

        var logged = string.Join('\n', app.Logs.Entries.Select(e => e.Message));
        Assert.Contains("FirstRun: set up organization Acme Corp", logged);
        foreach (var secret in new[] { pat, operatorToken, Requests.Password, keyFile.Key.Split('\n')[1] })
        {
            Assert.DoesNotContain(secret, logged);
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task RetentionAsADuration_ShouldBeStoredInSeconds(DatabaseProvider provider)
    {
        using var folder = new TempFolder();
        var settings = FirstRunSettings(folder);
        settings["FirstRun:RetentionSeconds"] = "1h30m";
        await using var app = await BootstrapApiFactory.OnAsync(provider, settings: settings);
        app.CreateClient();

        Assert.Equal([5400L], await app.QueryAsync(db => db.Buckets.IgnoreQueryFilters().Select(b => b.RetentionSeconds).ToListAsync()));
    }

    [Fact]
    public async Task RestartWhenAlreadySetUp_ShouldLogOneWarningAndChangeNothing()
    {
        using var folder = new TempFolder();
        var databasePath = BootstrapApiFactory.NewDatabasePath();
        try
        {
            var settings = FirstRunSettings(folder);
            await using (var first = new BootstrapApiFactory(settings: settings, databasePath: databasePath))
            {
                first.CreateClient();
            }
            var written = folder.FileNames().ToDictionary(f => f, f => (File.ReadAllText(folder.File(f)), File.GetLastWriteTimeUtc(folder.File(f))));

            settings["FirstRun:Org"] = "Another Org";
            await using var restarted = new BootstrapApiFactory(settings: settings, databasePath: databasePath);
            restarted.CreateClient();

            var firstRunLogs = restarted.Logs.Entries.Where(e => e.Category == typeof(FirstRunService).FullName).ToList();
            var warning = Assert.Single(firstRunLogs);
            Assert.Equal(LogLevel.Warning, warning.Level);
            Assert.Contains("FirstRun configuration section ignored", warning.Message);
            Assert.Contains("channel config", warning.Message);
            Assert.Equal(written, folder.FileNames().ToDictionary(f => f, f => (File.ReadAllText(folder.File(f)), File.GetLastWriteTimeUtc(folder.File(f)))));
            Assert.Equal(["Acme Corp"], await restarted.QueryAsync(db => db.Organizations.IgnoreQueryFilters().Select(o => o.Name).ToListAsync()));
            Assert.Equal(2, await restarted.CountAsync<User>());
            Assert.Equal(2, await restarted.CountAsync<ApiToken>());
        }
        finally
        {
            BootstrapApiFactory.DeleteDatabase(databasePath);
        }
    }

    [Fact]
    public async Task SetUpThroughTheApiFirst_ShouldMakeTheSectionIgnoredWithoutWritingFiles()
    {
        using var folder = new TempFolder();
        var databasePath = BootstrapApiFactory.NewDatabasePath();
        try
        {
            await using (var plain = new BootstrapApiFactory(databasePath: databasePath))
            {
                Assert.Equal(HttpStatusCode.Created, (await plain.CreateClient().PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding())).StatusCode);
            }

            await using var configured = new BootstrapApiFactory(settings: FirstRunSettings(folder), databasePath: databasePath);
            configured.CreateClient();

            Assert.Single(configured.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("FirstRun configuration section ignored") && e.Message.Contains("channel api"));
            Assert.Empty(folder.FileNames());
            Assert.Equal(1, await configured.CountAsync<User>());
        }
        finally
        {
            BootstrapApiFactory.DeleteDatabase(databasePath);
        }
    }

    [Theory]
    [InlineData("FirstRun:Admin:Password", "short", "FirstRun:Admin:Password", "between 8 and 72")]
    [InlineData("FirstRun:Admin:Password", "qwertyuiop", "FirstRun:Admin:Password", "password must not be one of the 30,000 most common passwords")]
    [InlineData("FirstRun:Admin:Password", "the-Admin-1", "FirstRun:Admin:Password", "password must not contain the user name")]
    [InlineData("FirstRun:Admin:Email", "not-an-email", "FirstRun:Admin:Email", "valid email")]
    [InlineData("FirstRun:RetentionSeconds", "60", "FirstRun:RetentionSeconds", "at least one hour")]
    [InlineData("FirstRun:RetentionSeconds", "a week", "FirstRun:RetentionSeconds", "'a week' is not a duration")]
    [InlineData("FirstRun:RetentionSeconds", "5x", "FirstRun:RetentionSeconds", "unknown unit 'x'")]
    [InlineData("FirstRun:RetentionSeconds", "-1h", "FirstRun:RetentionSeconds", "must not be negative")]
    [InlineData("FirstRun:RetentionSeconds", "99999999999999999d", "FirstRun:RetentionSeconds", "is too long")]
    [InlineData("FirstRun:RetentionSeconds", "1500ms", "FirstRun:RetentionSeconds", "not a whole number of seconds")]
    [InlineData("FirstRun:RetentionSeconds", "30m", "FirstRun:RetentionSeconds", "at least one hour")]
    [InlineData("FirstRun:Bucket", "_internal", "FirstRun:Bucket", "underscore")]
    [InlineData("FirstRun:Org", "", "FirstRun:Org", "required")]
    [InlineData("FirstRun:Machine:UserName", "ADMIN", "FirstRun:Machine:UserName", "different from the admin")]
    [InlineData("FirstRun:PatPath", "", "FirstRun:PatPath", "required with a machine user")]
    [InlineData("FirstRun:Admin:PasswordFile", "/nonexistent/password", "FirstRun:Admin:PasswordFile", "cannot read")]
    [InlineData("FirstRun:Machine:PatExpiresAt", "2001-01-01T00:00:00Z", "FirstRun:Machine:PatExpiresAt", "in the future")]
    [InlineData("FirstRun:Machine:MachineKeyExpiresAt", "someday", "FirstRun:Machine:MachineKeyExpiresAt", "not a date")]
    public async Task InvalidValue_ShouldBeReportedUnderItsConfigurationKey(string key, string value, string expectedKey, string expectedMessage)
    {
        using var folder = new TempFolder();
        var settings = FirstRunSettings(folder);
        settings[key] = value;
        if (key == "FirstRun:Admin:PasswordFile")
        {
            settings.Remove("FirstRun:Admin:Password");
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var validator = new SetupRequestValidator(new PasswordPolicy(), TimeProvider.System);

        var failure = await Assert.ThrowsAsync<FirstRunConfigurationException>(() =>
            FirstRunConfiguration.ReadAsync(configuration, validator, CancellationToken.None));

        var error = Assert.Single(failure.Errors);
        Assert.Equal(expectedKey, error.Key);
        Assert.Contains(expectedMessage, error.Message);
        Assert.Contains($"{expectedKey}: ", failure.Message);
        Assert.DoesNotContain(Requests.Password, failure.Message);
    }

    [Theory]
    [InlineData("FirstRun:Admin:Password", "short")]
    [InlineData("FirstRun:Admin:Password", "admin123")]
    [InlineData("FirstRun:PatPath", "{folder}")]
    public async Task InvalidSection_ShouldFailTheStartBeforeWritingAnything(string key, string value)
    {
        using var folder = new TempFolder();
        var settings = FirstRunSettings(folder);
        settings[key] = value.Replace("{folder}", folder.Path);
        await using var app = new BootstrapApiFactory(settings: settings);

        Assert.NotNull(Record.Exception(() => app.CreateClient()));

        Assert.Empty(folder.FileNames());
        await using var db = SqliteContext(app.ConnectionString);
        Assert.Null(await db.Instances.Where(i => i.Id == Instance.FirstId).Select(i => i.SetupCompletedAt).SingleAsync());
        Assert.Equal(0, await db.Users.IgnoreQueryFilters().CountAsync());
        Assert.DoesNotContain(app.Logs.Entries, e => e.Message.Contains("FirstRun: set up"));
    }

    [Fact]
    public async Task PasswordFile_ShouldBeReadWithoutItsTrailingNewline()
    {
        using var folder = new TempFolder();
        var settings = FirstRunSettings(folder);
        settings.Remove("FirstRun:Admin:Password");
        settings["FirstRun:Admin:PasswordFile"] = folder.File("admin-password");
        await File.WriteAllTextAsync(folder.File("admin-password"), Requests.Password + "\n");
        await using var app = new BootstrapApiFactory(settings: settings);
        var client = app.CreateClient();

        var signin = new HttpRequestMessage(HttpMethod.Post, "/api/v2/signin");
        signin.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{Requests.Password}")));
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(signin)).StatusCode);
    }

    private static Api.Data.BootstrapDbContext SqliteContext(string connectionString) =>
        new(new DbContextOptionsBuilder<Api.Data.BootstrapDbContext>().UseSqlite(connectionString).Options, new Api.Data.CurrentInstance());
}
