using Bootstrap.Api;
using Bootstrap.Web;
using Bootstrap.Web.Cli;
using Bootstrap.Web.FirstRun;

if (BootstrapCli.IsVerb(args)) return await BootstrapCli.RunAsync(args);

// The content root is the build output, where the root appsettings.json is copied, whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
// Serves MudBlazor's and the app's static files from the build output too (a published app has them in wwwroot).
builder.WebHost.UseStaticWebAssets();
builder.Services.AddBootstrapApi(builder.Configuration);
builder.Services.AddBootstrapWeb(builder.Configuration);
builder.Services.AddFirstRun();

var app = builder.Build();
app.UseBootstrapApi();
app.UseAuthentication();
app.UseAuthorization();
app.UseBootstrapWeb();
app.MapBootstrapApi();
app.MapBootstrapWeb();
return await app.RunServerAsync();

/// <summary>Entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
