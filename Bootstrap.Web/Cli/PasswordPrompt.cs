using System.Text;

namespace Bootstrap.Web.Cli;

/// <summary>The keyboard behind standard input, when there is one: what a password prompt needs of the console.</summary>
public interface ITerminal
{
    /// <summary>False when standard input is a pipe or a file: there is nobody to prompt.</summary>
    bool IsInteractive { get; }

    /// <summary>The next key pressed, not echoed.</summary>
    Task<ConsoleKeyInfo> ReadKeyAsync(CancellationToken cancellationToken);

    /// <summary>Text for the person at the keyboard (a prompt), kept off standard output.</summary>
    void Write(string text);
}

public sealed class SystemTerminal : ITerminal
{
    private static readonly TimeSpan KeyPoll = TimeSpan.FromMilliseconds(25);

    public bool IsInteractive => !Console.IsInputRedirected;

    public async Task<ConsoleKeyInfo> ReadKeyAsync(CancellationToken cancellationToken)
    {
        // Console.ReadKey blocks and ignores Ctrl+C once the CLI cancels on it; polling lets the cancellation through.
        while (!Console.KeyAvailable)
        {
            await Task.Delay(KeyPoll, cancellationToken);
        }
        return Console.ReadKey(intercept: true);
    }

    public void Write(string text) => Console.Error.Write(text);
}

/// <summary>Reads a secret typed at the terminal without echoing it.</summary>
public static class PasswordPrompt
{
    /// <summary>The password typed twice, or null when the two differ.</summary>
    public static async Task<string?> ReadNewPasswordAsync(ITerminal terminal, string prompt, CancellationToken cancellationToken)
    {
        var password = await ReadHiddenAsync(terminal, prompt, cancellationToken);
        var confirmation = await ReadHiddenAsync(terminal, "Repeat it: ", cancellationToken);
        return password == confirmation ? password : null;
    }

    /// <summary>One line typed without echo; Backspace takes back the last character.</summary>
    public static async Task<string> ReadHiddenAsync(ITerminal terminal, string prompt, CancellationToken cancellationToken)
    {
        terminal.Write(prompt);
        var typed = new StringBuilder();
        while (true)
        {
            ConsoleKeyInfo key;
            try
            {
                key = await terminal.ReadKeyAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // What follows (the CLI's "cancelled") starts on a line of its own, not after the prompt.
                terminal.Write(Environment.NewLine);
                throw;
            }
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    terminal.Write(Environment.NewLine);
                    return typed.ToString();
                case ConsoleKey.Backspace:
                    if (typed.Length > 0)
                    {
                        typed.Length--;
                    }
                    break;
                default:
                    if (key.KeyChar != '\0')
                    {
                        typed.Append(key.KeyChar);
                    }
                    break;
            }
        }
    }
}
