namespace Bootstrap.Api.Common;

/// <summary>A setting that must stop the start, named by its configuration key; the host prints it and exits 78.</summary>
public sealed class InvalidConfigurationException(string key, string problem) : Exception($"{key}: {problem}")
{
    public string Key { get; } = key;
}
