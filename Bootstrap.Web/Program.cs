using Bootstrap.Api;
using Bootstrap.Web.Cli;
using Bootstrap.Web.FirstRun;

if (BootstrapCli.IsVerb(args)) return await BootstrapCli.RunAsync(args);

// The content root is the build output, where the root appsettings.json is copied, whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddBootstrapApi(builder.Configuration);
builder.Services.AddFirstRun();

var app = builder.Build();
app.UseBootstrapApi();
app.UseAuthentication();
app.UseAuthorization();
app.MapBootstrapApi();
return await app.RunServerAsync();

/// <summary>Entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
