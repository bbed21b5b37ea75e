// One minimal-API endpoint with a constant JSON body, on the path the Bootstrap host is probed on,
// so that cold start and requests/s compare the same probe against the bare runtime.
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/api/v2/setup", () => Results.Json(new SetupStatus(true)));
app.Run();

internal sealed record SetupStatus(bool Allowed);
