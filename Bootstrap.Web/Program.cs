using Bootstrap.Api;
using Bootstrap.Web;
using Bootstrap.Web.Cli;
using Bootstrap.Web.FirstRun;

if (BootstrapCli.IsVerb(args)) return await BootstrapCli.RunAsync(args);

// The content root is the build output, where the root appsettings.json is copied, whatever the working directory.
// The slim builder leaves out IIS, HTTP/3 and the debug/event-log providers (less to load at start); HTTPS endpoints are added back.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseKestrelHttpsConfiguration();
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
