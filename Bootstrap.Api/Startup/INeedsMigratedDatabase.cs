namespace Bootstrap.Api.Startup;

/// <summary>
/// A start-up step that uses the database's tables. When the server does not migrate at start and finds
/// migrations pending, it runs once another process has applied them (<see cref="Data.DatabaseSchema"/>).
/// </summary>
public interface INeedsMigratedDatabase : IStartupStep;
