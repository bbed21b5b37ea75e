using System.Text;
using Bootstrap.Api.Common;
using Bootstrap.Api.Native.Setup;

namespace Bootstrap.Web.Setup;

/// <summary>A secret that a completed setup shows once.</summary>
public enum SetupSecret
{
    OperatorToken,
    Pat,
    MachineKey,
}

/// <summary>A secret file could not be reserved; <see cref="Exception.InnerException"/> says why.</summary>
public sealed class SetupSecretFileException(SetupSecret secret, string path, IOException reason)
    : IOException(reason is SecretFileExistsException ? reason.Message : $"cannot write '{path}': {reason.Message}", reason)
{
    public SetupSecret Secret { get; } = secret;

    /// <summary>The file is there already and may not be replaced.</summary>
    public bool Exists => InnerException is SecretFileExistsException;
}

/// <summary>
/// The files that receive the secrets of one setup (the CLI's <c>--*-out</c> options, the FirstRun
/// section's <c>*Path</c> keys), written with <see cref="PendingSecretFile"/>: reserved together before
/// the setup, so that any unwritable path fails first, and each committed with mode 0600 by an atomic rename.
/// </summary>
public sealed class SetupSecretFiles : IDisposable
{
    private readonly Dictionary<SetupSecret, PendingSecretFile> _files = [];

    private SetupSecretFiles()
    {
    }

    public int Count => _files.Count;

    /// <param name="paths">Where each secret goes; a null path leaves that secret out.</param>
    /// <param name="replaceExisting">Whether an existing file may be replaced (the CLI's <c>--force</c>).</param>
    /// <exception cref="SetupSecretFileException">A path cannot be written, or exists and may not be replaced; nothing is left behind.</exception>
    public static SetupSecretFiles Reserve(IReadOnlyDictionary<SetupSecret, string?> paths, bool replaceExisting)
    {
        var files = new SetupSecretFiles();
        try
        {
            foreach (var (secret, path) in paths)
            {
                if (path is not null)
                {
                    files._files[secret] = ReserveOne(secret, path, replaceExisting);
                }
            }
            return files;
        }
        catch
        {
            files.Dispose();
            throw;
        }
    }

    public bool Contains(SetupSecret secret) => _files.ContainsKey(secret);

    public string PathOf(SetupSecret secret) => _files[secret].Path;

    /// <summary>Writes each reserved secret of <paramref name="response"/> into its file.</summary>
    public void Commit(SetupResponse response)
    {
        foreach (var (secret, file) in _files)
        {
            file.Commit(secret switch
            {
                SetupSecret.OperatorToken => response.OperatorToken,
                SetupSecret.Pat => response.Machine!.Pat,
                // Zitadel's SDKs read the JSON key file itself, not its base64 form.
                _ => Encoding.UTF8.GetString(Convert.FromBase64String(response.Machine!.MachineKey!)),
            });
        }
    }

    public void Dispose()
    {
        foreach (var file in _files.Values)
        {
            file.Dispose();
        }
    }

    private static PendingSecretFile ReserveOne(SetupSecret secret, string path, bool replaceExisting)
    {
        try
        {
            return PendingSecretFile.Reserve(path, replaceExisting);
        }
        catch (IOException exception)
        {
            throw new SetupSecretFileException(secret, path, exception);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new SetupSecretFileException(secret, path, new IOException(exception.Message, exception));
        }
    }
}
