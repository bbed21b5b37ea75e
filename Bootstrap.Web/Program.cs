using Bootstrap.Web;
using Bootstrap.Web.Cli;

return ServerCommandLine.StartsServer(args)
    ? await BootstrapApplication.RunServerAsync(args)
    : await BootstrapCli.RunAsync(args);

/// <summary>Entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
