using Bootstrap.Web.Cli;

namespace Bootstrap.Api.Tests.Headless;

/// <summary>recover-admin's no-echo prompt, driven by scripted keys instead of a terminal.</summary>
public sealed class PasswordPromptTests
{
    [Fact]
    public async Task ReadHidden_ShouldHonourBackspaceAndEchoNothingButThePrompt()
    {
        var terminal = new ScriptedTerminal("ab\bc\bxyz\n");

        var typed = await PasswordPrompt.ReadHiddenAsync(terminal, "Password: ", CancellationToken.None);

        Assert.Equal("axyz", typed);
        Assert.Equal("Password: " + Environment.NewLine, terminal.Written);
    }

    [Fact]
    public async Task ReadHidden_ShouldIgnoreBackspaceOnAnEmptyLineAndKeysWithoutCharacters()
    {
        var terminal = new ScriptedTerminal("\b\b", new ConsoleKeyInfo('\0', ConsoleKey.LeftArrow, false, false, false), "p4ss\n");

        Assert.Equal("p4ss", await PasswordPrompt.ReadHiddenAsync(terminal, "Password: ", CancellationToken.None));
    }

    [Fact]
    public async Task ReadNewPassword_ShouldAskTwiceAndReturnNullWhenTheTwoDiffer()
    {
        var same = new ScriptedTerminal("s3cret-pass\ns3cret-pass\n");
        var different = new ScriptedTerminal("s3cret-pass\ns3cret-pasS\n");

        Assert.Equal("s3cret-pass", await PasswordPrompt.ReadNewPasswordAsync(same, "New: ", CancellationToken.None));
        Assert.Null(await PasswordPrompt.ReadNewPasswordAsync(different, "New: ", CancellationToken.None));
        Assert.Equal($"New: {Environment.NewLine}Repeat it: {Environment.NewLine}", same.Written);
    }

    [Fact]
    public async Task RecoverAdmin_ShouldRefuseAtOnceWhenStdinIsNoTerminalAndNoPasswordOptionIsGiven()
    {
        var errors = new StringWriter();
        var console = new CliConsole(new SilentPipe(), new StringWriter(), errors);

        var exitCode = await BootstrapCli.RunAsync(["recover-admin"], console).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("standard input is not a terminal", errors.ToString());
        Assert.Contains("--password-stdin", errors.ToString());
    }

    /// <summary>Keys as a terminal would deliver them: text (with \b for Backspace, \n for Enter) or single keys.</summary>
    private sealed class ScriptedTerminal(params object[] script) : ITerminal
    {
        private readonly Queue<ConsoleKeyInfo> _keys = new(script.SelectMany(Keys));
        private readonly System.Text.StringBuilder _written = new();

        public bool IsInteractive => true;

        public string Written => _written.ToString();

        public Task<ConsoleKeyInfo> ReadKeyAsync(CancellationToken cancellationToken) => Task.FromResult(_keys.Dequeue());

        public void Write(string text) => _written.Append(text);

        private static IEnumerable<ConsoleKeyInfo> Keys(object part) => part switch
        {
            ConsoleKeyInfo key => [key],
            string text => text.Select(c => c switch
            {
                '\b' => new ConsoleKeyInfo('\b', ConsoleKey.Backspace, false, false, false),
                '\n' => new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false),
                _ => new ConsoleKeyInfo(c, ConsoleKey.A, false, false, false),
            }),
            _ => throw new ArgumentException($"cannot type {part}"),
        };
    }

    /// <summary>A pipe nobody ever writes to or closes: reading it waits forever.</summary>
    private sealed class SilentPipe : TextReader
    {
        public override Task<string> ReadToEndAsync() => new TaskCompletionSource<string>().Task;

        public override Task<string> ReadToEndAsync(CancellationToken cancellationToken) => new TaskCompletionSource<string>().Task;
    }
}
