using Bootstrap.Web;
using Bootstrap.Web.Cli;
using Bootstrap.Web.FirstRun;

if (BootstrapCli.IsVerb(args)) return await BootstrapCli.RunAsync(args);

return await BootstrapApplication.Create(args).RunServerAsync();

/// <summary>Entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
