using System.Diagnostics;
using System.Reflection;
using System.Text;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Web.Cli;
using Bootstrap.Web.Hosting;

namespace Bootstrap.Api.Tests.Headless;

/// <summary>Which command lines the real executable gives to System.CommandLine and which run the server, and the server's default port.</summary>
public sealed class CliCommandLineTests
{
    [Fact]
    public async Task Version_ShouldPrintTheInformationalVersionAndExit0()
    {
        using var cli = new CliWorkspace();

        var result = await cli.RunAsync("--version");

        Assert.True(result.ExitCode == 0, result.ToString());
        var informational = typeof(BootstrapCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(informational, result.Stdout.Trim());
        Assert.Equal("", result.Stderr);
        Assert.False(File.Exists(cli.DatabasePath), "--version must not touch the database");
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("--frobnicate")]
    [InlineData("help")]
    [InlineData("--urls")]
    [InlineData("setup", "--offline", "--bogus")]
    public async Task UnknownVerbOrFlag_ShouldExit64WithUsageOnStderrAndNeverStartTheServer(params string[] args)
    {
        using var cli = new CliWorkspace();

        var result = await cli.RunAsync(args);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("Usage:", result.Stderr);
        Assert.Contains($"Bootstrap.Web {(args[0] == "setup" ? "setup " : "")}[", result.Stderr);
        Assert.Equal("", result.Stdout);
        Assert.DoesNotContain("Now listening", result.Stderr);
        Assert.False(File.Exists(cli.DatabasePath), "a usage error must not touch the database");
    }

    [Theory]
    [InlineData("rot", "rotate-token")]
    [InlineData("setup --token-o", "--token-out")]
    public async Task SuggestDirective_ShouldCompleteVerbsAndOptions(string typed, string expected)
    {
        using var cli = new CliWorkspace();

        var result = await cli.RunAsync($"[suggest:{typed.Length}]", typed);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([expected], result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(true, "--urls", "http://127.0.0.1:0")]
    [InlineData(true, "--urls=http://127.0.0.1:0", "--environment", "Development")]
    [InlineData(true, "--Logging:LogLevel:Default=Debug", "Setup:ClaimMode=Always")]
    [InlineData(false, "frobnicate")]
    [InlineData(false, "--frobnicate")]
    [InlineData(false, "--urls")]
    [InlineData(false, "--urls", "--environment", "Development")]
    [InlineData(false, "--version")]
    [InlineData(false, "--help")]
    [InlineData(false, "-h")]
    [InlineData(false, "--help=x")]
    [InlineData(false, "status", "--json")]
    [InlineData(false, "[suggest:3]", "rot")]
    public void ServerCommandLine_ShouldStartTheServerOnlyForConfigurationArguments(bool startsServer, params string[] args)
    {
        Assert.Equal(startsServer, ServerCommandLine.StartsServer(args));
    }

    [Fact]
    public void DefaultUrl_ShouldBe5080ForTheServerTheCliAndDotnetRun()
    {
        var launchSettings = File.ReadAllText(Path.Combine(RepositoryRoot(), "Bootstrap.Web", "Properties", "launchSettings.json"));
        var appSettings = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json"));

        Assert.Equal("http://localhost:5080", KestrelEndpoints.DefaultHttpUrl);
        Assert.Equal(KestrelEndpoints.DefaultHttpUrl, SetupVerb.DefaultUrl);
        Assert.Contains($"\"applicationUrl\": \"{KestrelEndpoints.DefaultHttpUrl}\"", launchSettings);
        Assert.Contains($"\"Url\": \"{KestrelEndpoints.DefaultHttpUrl}\"", appSettings);
    }

    [Fact]
    public void KestrelEndpoints_ShouldListenOn5080WhenNothingNamesTheHttpEndpoint()
    {
        var nothing = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();

        var effective = KestrelEndpoints.Effective(nothing, explicitUrls: []);

        Assert.Equal(KestrelEndpoints.DefaultHttpUrl, effective["Endpoints:Http:Url"]);
    }

    /// <summary>
    /// The build output as an operator starts it, with no <c>--urls</c> and from another folder: it must listen on
    /// 5080, not on Kestrel's own 5000. Takes the real port, so it fails if something else holds 5080.
    /// </summary>
    [Fact]
    public async Task ServerWithoutUrls_ShouldListenOn5080()
    {
        using var cli = new CliWorkspace();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = cli.Folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(BootstrapExecutable.DllPath);
        foreach (var inherited in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS" })
        {
            start.Environment.Remove(inherited);
        }
        start.Environment["ConnectionStrings__Bootstrap"] = $"Data Source={cli.DatabasePath}";
        start.Environment["STATE_DIRECTORY"] = cli.Folder.Path;
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = "";
        start.Environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
        var output = new StringBuilder();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Watch(string? line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
            if (line?.Contains("Now listening on: ", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult(line.Trim());
            }
        }
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Watch(e.Data);
        process.ErrorDataReceived += (_, e) => Watch(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var first = await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.True(first == listening.Task, output.ToString());
            Assert.Equal("Now listening on: http://localhost:5080", await listening.Task);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder.FullName, "Bootstrap.sln")))
        {
            folder = folder.Parent!;
        }
        return folder.FullName;
    }
}
