using Bootstrap.Domain.Entities;

namespace Bootstrap.Api.Data;

/// <summary>The instance the current scope acts on; the first instance unless the request's host names another.</summary>
public sealed class CurrentInstance
{
    public Guid Id { get; set; } = Instance.FirstId;
}
