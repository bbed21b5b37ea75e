namespace Bootstrap.Web.Setup;

/// <summary>
/// Remembers, for this process, that the first run is over: setup never becomes allowed again, so
/// pages stop asking the API once they have seen it completed.
/// </summary>
public sealed class SetupCompletion
{
    private volatile bool _completed;

    public bool IsCompleted => _completed;

    public void MarkCompleted() => _completed = true;
}
