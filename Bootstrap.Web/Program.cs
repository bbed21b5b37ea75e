using Bootstrap.Web;
using Bootstrap.Web.Cli;

if (BootstrapCli.IsVerb(args)) return await BootstrapCli.RunAsync(args);

return await BootstrapApplication.RunServerAsync(args);

/// <summary>Entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
