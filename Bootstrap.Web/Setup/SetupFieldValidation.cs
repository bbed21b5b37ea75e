using Bootstrap.Domain.Setup;
using Bootstrap.Web.Localization;
using FluentValidation;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Bootstrap.Web.Setup;

/// <summary>
/// Validates one wizard field at a time with the API's own <see cref="IValidator{SetupRequest}"/>, in the
/// UI's language, and keeps the server's verdict on a field until that field's value changes.
/// </summary>
/// <remarks>
/// Fields validate on every input, but a field's errors are only shown once it has been left (blur) or the
/// step submitted (Next, Enter); from the first time they are shown the field stays live, so a fix clears
/// its error at the keystroke that makes it.
/// </remarks>
public sealed class SetupFieldValidation(IValidator<SetupRequest> validator, ValidationText text)
{
    private readonly Dictionary<string, ServerVerdict> _serverErrors = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _live = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _blurred = new(StringComparer.OrdinalIgnoreCase);
    private bool _showAll;

    /// <summary>What Enter in a field does: the wizard's Next (or Create on the last step).</summary>
    public Func<Task>? Submit { get; set; }

    /// <summary>The shape MudForm calls with the form model and the field's property path ("Admin.UserName").</summary>
    public Func<object, string, Task<IEnumerable<string>>> Validate => ValidateAsync;

    /// <summary>Records the API's validation errors; keys are JSON paths ("admin.password").</summary>
    public void SetServerErrors(SetupRequest request, IReadOnlyDictionary<string, string[]> errors)
    {
        _serverErrors.Clear();
        foreach (var (path, messages) in errors)
        {
            _serverErrors[path] = new ServerVerdict(ValueAt(request, path), messages);
        }
    }

    /// <summary>Called from a field's <c>OnBlur</c>; MudBlazor validates the field right after, and that validation shows.</summary>
    public void Blurred(string path) => _blurred.Add(path);

    /// <summary>Validates every field of the step and shows every error, as Next does.</summary>
    public async Task<bool> ValidateStepAsync(MudForm form)
    {
        _showAll = true;
        try
        {
            await form.ValidateAsync();
        }
        finally
        {
            _showAll = false;
        }
        return form.IsValid;
    }

    public async Task SubmitOnEnterAsync(KeyboardEventArgs key)
    {
        // Keydown, not keyup: an input method editor confirming text sends "Process" on keydown but "Enter" on keyup.
        if (key.Key == "Enter" && Submit is not null)
        {
            await Submit();
        }
    }

    /// <summary>The field's errors if they may be shown yet (see the remarks), in sentence case; none otherwise.</summary>
    public IEnumerable<string> Shown(string path, IReadOnlyCollection<string> messages)
    {
        var blurred = _blurred.Remove(path);
        if (!_showAll && !blurred && !_live.Contains(path))
        {
            return [];
        }
        if (messages.Count > 0)
        {
            _live.Add(path);
        }
        return messages.Select(Sentence).ToList();
    }

    /// <summary><see cref="Shown(string, IReadOnlyCollection{string})"/> for a field validated by a function of its own.</summary>
    public string? Shown(string path, string? message) =>
        Shown(path, message is null ? [] : [message]).FirstOrDefault();

    /// <summary>The Influx-style policy messages ("passwords must be …") read as sentences among the others.</summary>
    internal static string Sentence(string message) =>
        message.Length == 0 ? message
        : char.ToUpperInvariant(message[0]) + message[1..] + (message[^1] is '.' or '!' or '?' or '。' or '！' or '？' ? "" : ".");

    private async Task<IEnumerable<string>> ValidateAsync(object model, string path)
    {
        var request = (SetupRequest)model;
        var result = await validator.ValidateAsync(
            ValidationContext<SetupRequest>.CreateWithOptions(request, options => options.IncludeProperties(path)));
        var messages = result.Errors
            .Where(e => string.Equals(e.PropertyName, path, StringComparison.OrdinalIgnoreCase))
            .Select(text.Describe)
            .ToList();

        if (_serverErrors.TryGetValue(path, out var verdict))
        {
            if (Equals(verdict.RejectedValue, ValueAt(request, path)))
            {
                messages.AddRange(verdict.Messages.Except(messages));
            }
            else
            {
                _serverErrors.Remove(path);
            }
        }
        return Shown(path, messages);
    }

    /// <summary>Follows a dotted path ("admin.userName") through the request, ignoring case.</summary>
    private static object? ValueAt(SetupRequest request, string path)
    {
        object? current = request;
        foreach (var segment in path.Split('.'))
        {
            var property = current?.GetType().GetProperties()
                .FirstOrDefault(p => string.Equals(p.Name, segment, StringComparison.OrdinalIgnoreCase));
            current = property?.GetValue(current);
        }
        return current;
    }

    private sealed record ServerVerdict(object? RejectedValue, string[] Messages);
}
