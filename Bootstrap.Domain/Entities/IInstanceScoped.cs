namespace Bootstrap.Domain.Entities;

/// <summary>Every row belongs to exactly one instance; the data layer filters on it.</summary>
public interface IInstanceScoped
{
    Guid InstanceId { get; set; }
}
