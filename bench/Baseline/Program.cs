// One minimal-API endpoint with a constant JSON body, on the path the Bootstrap host is probed on,
// so that cold start and requests/s compare the same probe against the bare runtime.
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/api/v2/setup", () => Results.Json(new SetupStatus(true)));
// The line Bootstrap.Web prints once it listens, which the shared launcher reads the bound port from (docs/testing.md).
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("Http endpoint listening on {Address}", app.Urls.First()));
app.Run();

internal sealed record SetupStatus(bool Allowed);
