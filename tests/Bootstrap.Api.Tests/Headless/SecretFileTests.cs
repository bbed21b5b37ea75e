using System.Net;
using Bootstrap.Api.Common;
using Bootstrap.Api.Native.Setup;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Web.Setup;

namespace Bootstrap.Api.Tests.Headless;

/// <summary>
/// The one secret-file writer (<see cref="PendingSecretFile"/>, in sets: <see cref="SetupSecretFiles"/>) and both of
/// its callers, the CLI's <c>--*-out</c> options and the FirstRun section: mode 0600, an atomic rename, nothing left
/// behind on failure, and an existing file replaced only with <c>--force</c>.
/// </summary>
public sealed class SecretFileTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode WorldReadable = OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    [Fact]
    public void SecretFile_ShouldAppearWholeWithMode0600OnlyWhenCommitted()
    {
        using var folder = new TempFolder();
        var path = folder.File("secrets/operator");

        using (var file = PendingSecretFile.Reserve(path, replaceExisting: false))
        {
            Assert.False(File.Exists(path), "the secret's path stays empty until the secret is complete");
            var staged = Assert.Single(folder.FileNames());
            Assert.StartsWith("secrets/.operator.", staged);
            Assert.Equal(OwnerReadWrite, TempFolder.ModeOf(folder.File(staged)));

            file.Commit("the-secret");
        }

        Assert.Equal(["secrets/operator"], folder.FileNames());
        Assert.Equal("the-secret", File.ReadAllText(path));
        Assert.Equal(OwnerReadWrite, TempFolder.ModeOf(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, TempFolder.ModeOf(folder.File("secrets")));
    }

    [Fact]
    public void SecretFiles_ShouldLeaveNothingBehindWhenOneCannotBeReservedOrNoneIsCommitted()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("pat"));

        var failure = Assert.Throws<SetupSecretFileException>(() => SetupSecretFiles.Reserve(new Dictionary<SetupSecret, string?>
        {
            [SetupSecret.OperatorToken] = folder.File("operator"),
            [SetupSecret.Pat] = folder.File("pat"),
        }, replaceExisting: true));
        Assert.Equal(SetupSecret.Pat, failure.Secret);
        Assert.Empty(folder.FileNames());

        using (SetupSecretFiles.Reserve(new Dictionary<SetupSecret, string?> { [SetupSecret.OperatorToken] = folder.File("operator") }, replaceExisting: false))
        {
            // The setup failed: nothing is committed.
        }
        Assert.Empty(folder.FileNames());
    }

    [Fact]
    public void ExistingSecretFile_ShouldBeReplacedOnlyWhenAllowed()
    {
        using var folder = new TempFolder();
        var path = folder.File("operator");
        File.WriteAllText(path, "old");
        MakeWorldReadable(path);
        var response = new SetupResponse(Guid.NewGuid(), new(Guid.NewGuid(), "Acme", "acme"), new(Guid.NewGuid(), "admin"),
            new(Guid.NewGuid(), "telemetry", 0), "new-token", Machine: null);
        var paths = new Dictionary<SetupSecret, string?> { [SetupSecret.OperatorToken] = path };

        var refused = Assert.Throws<SetupSecretFileException>(() => SetupSecretFiles.Reserve(paths, replaceExisting: false));
        Assert.True(refused.Exists);
        Assert.Equal("old", File.ReadAllText(path));

        using (var files = SetupSecretFiles.Reserve(paths, replaceExisting: true))
        {
            files.Commit(response);
        }
        Assert.Equal("new-token", File.ReadAllText(path));
        Assert.Equal(OwnerReadWrite, TempFolder.ModeOf(path));
    }

    [Fact]
    public void SecretFileThatAppearsAfterItsReservation_ShouldNotBeReplacedWithoutPermission()
    {
        using var folder = new TempFolder();
        var path = folder.File("operator");
        using var file = PendingSecretFile.Reserve(path, replaceExisting: false);
        File.WriteAllText(path, "someone else's");

        Assert.Throws<SecretFileExistsException>(() => file.Commit("mine"));

        Assert.Equal("someone else's", File.ReadAllText(path));
    }

    [Fact]
    public async Task CliSetup_ShouldRefuseAnExistingOutFileUnlessForced()
    {
        using var cli = new CliWorkspace();
        await File.WriteAllTextAsync(cli.File("operator"), "old");
        MakeWorldReadable(cli.File("operator"));
        string[] setup = ["setup", "--offline", "--org", "Acme", "--username", "admin", "--email", "admin@acme.test", "--password-stdin",
            "--bucket", "telemetry", "--token-out", cli.File("operator")];

        var refused = await cli.RunWithStdinAsync(Requests.Password, setup);

        Assert.True(refused.ExitCode == 64, refused.ToString());
        Assert.Contains($"Bootstrap.Web setup: --token-out: '{cli.File("operator")}' exists already; add --force to replace it", refused.Stderr);
        Assert.Equal("old", await File.ReadAllTextAsync(cli.File("operator")));
        Assert.Equal("Not set up yet: setup is allowed.", (await cli.RunAsync("status", "--offline")).Stdout.Trim());

        var forced = await cli.RunWithStdinAsync(Requests.Password, [.. setup, "--force"]);

        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal(OwnerReadWrite, TempFolder.ModeOf(cli.File("operator")));
        await using var app = cli.App();
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetWithTokenAsync("/api/v2/me", await File.ReadAllTextAsync(cli.File("operator")))).StatusCode);
    }

    [Fact]
    public async Task CliRotateToken_ShouldRefuseAnExistingOutFileUnlessForced()
    {
        using var cli = new CliWorkspace();
        await cli.SetUpOfflineAsync();
        var oldToken = await File.ReadAllTextAsync(cli.File("operator"));

        var refused = await cli.RunAsync("rotate-token", "--token-out", cli.File("operator"));

        Assert.True(refused.ExitCode == 64, refused.ToString());
        Assert.Contains("add --force to replace it", refused.Stderr);
        Assert.Equal(oldToken, await File.ReadAllTextAsync(cli.File("operator")));
        await using (var app = cli.App())
        {
            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetWithTokenAsync("/api/v2/me", oldToken)).StatusCode);
        }

        var forced = await cli.RunAsync("rotate-token", "--token-out", cli.File("operator"), "--force");

        Assert.True(forced.ExitCode == 0, forced.ToString());
        var newToken = await File.ReadAllTextAsync(cli.File("operator"));
        Assert.NotEqual(oldToken, newToken);
        Assert.Equal(OwnerReadWrite, TempFolder.ModeOf(cli.File("operator")));
        Assert.Equal(["operator"], cli.Folder.FileNames().Where(f => !f.StartsWith("data", StringComparison.Ordinal)));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task FirstRunSection_ShouldFailTheStartRatherThanReplaceAnExistingSecretFile(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("secrets"));
        await File.WriteAllTextAsync(folder.File("secrets/operator"), "a token of an earlier install");
        var environment = FirstRunTests.FirstRunSettings(folder).ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value);
        environment["Database__Provider"] = provider.ToString();
        environment["ConnectionStrings__Bootstrap"] = database.ConnectionString;

        var result = await BootstrapExecutable.RunAsync(folder, "unused.db", ["--urls", "http://127.0.0.1:0"], environment: environment);

        Assert.True(result.ExitCode == 78, result.ToString());
        Assert.Contains($"FirstRun:OperatorTokenPath: '{folder.File("secrets/operator")}' exists already; delete it to write a new one", result.Stderr);
        Assert.Equal(["secrets/operator"], folder.FileNames().Where(f => !f.StartsWith("data", StringComparison.Ordinal)));
        Assert.Equal("a token of an earlier install", await File.ReadAllTextAsync(folder.File("secrets/operator")));
        await using var plain = new BootstrapApiFactory(database: database);
        var status = await (await plain.CreateClient().GetAsync("/api/setup")).ReadJsonAsync();
        Assert.True(status.GetProperty("allowed").GetBoolean());
    }

    private static void MakeWorldReadable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException();
        }
        File.SetUnixFileMode(path, WorldReadable);
    }
}
