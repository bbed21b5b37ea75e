using Bootstrap.Api.Security.Callers;
using Bootstrap.Api.Telemetry;
using Bootstrap.Domain.Setup;
using Microsoft.AspNetCore.Http;

namespace Bootstrap.Api.Common;

public static class HttpContextExtensions
{
    /// <summary>Who is asking, as the audit trail and the setup services record it.</summary>
    public static SetupContext SetupContext(this HttpContext context) =>
        context.Caller().ToSetupContext() with { ApiFamily = ApiFamilies.Resolve(context.Request.Path)?.MetricName() };
}
