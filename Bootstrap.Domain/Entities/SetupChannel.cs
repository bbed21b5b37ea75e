namespace Bootstrap.Domain.Entities;

public enum SetupChannel
{
    Wizard,
    Api,
    Config,
    Cli,
}
