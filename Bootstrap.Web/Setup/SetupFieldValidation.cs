using Bootstrap.Domain.Setup;
using FluentValidation;

namespace Bootstrap.Web.Setup;

/// <summary>
/// Validates one wizard field at a time with the API's own <see cref="IValidator{SetupRequest}"/>, and
/// keeps the server's verdict on a field until that field's value changes.
/// </summary>
public sealed class SetupFieldValidation(IValidator<SetupRequest> validator)
{
    private readonly Dictionary<string, ServerVerdict> _serverErrors = new(StringComparer.OrdinalIgnoreCase);

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

    private async Task<IEnumerable<string>> ValidateAsync(object model, string path)
    {
        var request = (SetupRequest)model;
        var result = await validator.ValidateAsync(
            ValidationContext<SetupRequest>.CreateWithOptions(request, options => options.IncludeProperties(path)));
        var messages = result.Errors
            .Where(e => string.Equals(e.PropertyName, path, StringComparison.OrdinalIgnoreCase))
            .Select(e => e.ErrorMessage)
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
        return messages;
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
