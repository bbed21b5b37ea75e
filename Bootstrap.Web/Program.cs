using Bootstrap.Api;

// The content root is the build output, where the root appsettings.json is copied, whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddBootstrapApi(builder.Configuration);

var app = builder.Build();
app.UseBootstrapApi();
app.UseAuthentication();
app.UseAuthorization();
app.MapBootstrapApi();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
