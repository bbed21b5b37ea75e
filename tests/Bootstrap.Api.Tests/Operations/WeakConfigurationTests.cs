using Bootstrap.Api.Tests.Headless;
using Bootstrap.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bootstrap.Api.Tests.Operations;

/// <summary>Settings that would leave the server guessable or confused stop the start, naming the key.</summary>
public sealed class WeakConfigurationTests
{
    [Theory]
    [InlineData("SystemApi:Token", "system-api-token-of-31-chars-xx")]
    [InlineData("SystemApi:Token", "short")]
    [InlineData("PublicUrl", "bootstrap.example.com")]
    [InlineData("PublicUrl", "ftp://bootstrap.example.com")]
    [InlineData("PublicUrl", "https://bootstrap.example.com/sub/path")]
    [InlineData("PublicUrl", "https://user:secret@bootstrap.example.com")]
    [InlineData("PublicUrl", "/relative")]
    public void InvalidSetting_ShouldFailStartupValidationNamingTheKey(string key, string value)
    {
        var failure = StartupValidationFailure(new() { [key] = value });

        Assert.NotNull(failure);
        Assert.Contains($"{key}: ", failure);
        if (key.StartsWith("SystemApi", StringComparison.Ordinal))
        {
            Assert.DoesNotContain(value, failure);
        }
    }

    [Theory]
    [InlineData("SystemApi:Token", "a-system-api-token-of-exactly-32")]
    [InlineData("PublicUrl", "https://bootstrap.example.com")]
    [InlineData("PublicUrl", "http://bootstrap.example.com:8080/")]
    [InlineData("PublicUrl", "")]
    public void ValidSetting_ShouldPassStartupValidation(string key, string value) =>
        Assert.Null(StartupValidationFailure(new() { [key] = value }));

    [Theory]
    [InlineData("short-token\n", "at least 32 characters")]
    [InlineData("", "is empty")]
    [InlineData(null, "cannot read")]
    public void WeakOrUnreadableTokenFile_ShouldFailStartupValidationNamingTheKey(string? content, string message)
    {
        using var folder = new TempFolder();
        var path = folder.File("system-token");
        if (content is not null)
        {
            File.WriteAllText(path, content);
        }

        var failure = StartupValidationFailure(new() { ["SystemApi:TokenFile"] = path });

        Assert.NotNull(failure);
        Assert.Contains("SystemApi:TokenFile: ", failure);
        Assert.Contains(message, failure);
    }

    [Theory]
    [InlineData("SystemApi__Token", "too-short-a-credential", "SystemApi:Token: the system API credential must be at least 32 characters")]
    [InlineData("PublicUrl", "bootstrap.example.com", "PublicUrl: must be an absolute http or https origin")]
    public async Task InvalidSetting_ShouldExit78FromTheRealProcess(string variable, string value, string message)
    {
        using var cli = new CliWorkspace();

        var result = await BootstrapExecutable.RunAsync(cli.Folder, cli.DatabasePath, ["--urls", "http://127.0.0.1:0"],
            environment: new Dictionary<string, string?> { [variable] = value });

        Assert.True(result.ExitCode == 78, result.ToString());
        Assert.Contains(message, result.Stderr);
        Assert.DoesNotContain("Unhandled exception", result.Stderr);
        Assert.DoesNotContain("Application started", result.Stdout);
        Assert.False(File.Exists(cli.DatabasePath), "the database was created before the settings were checked");
        if (variable.StartsWith("SystemApi", StringComparison.Ordinal))
        {
            Assert.DoesNotContain(value, result.Stderr + result.Stdout);
        }
    }

    /// <summary>
    /// The API's registrations alone, validated as the host does before it starts (an in-process host that
    /// fails to start leaves WebApplicationFactory with a disposed provider and no message to read).
    /// </summary>
    private static string? StartupValidationFailure(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddBootstrapApi(configuration).BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (OptionsValidationException exception)
        {
            return exception.Message;
        }
    }
}
