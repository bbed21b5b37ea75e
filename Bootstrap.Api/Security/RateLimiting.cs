using System.Globalization;
using System.Threading.RateLimiting;
using Bootstrap.Api.Common;
using Bootstrap.Api.Security.Callers;
using Bootstrap.Domain.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.Security;

/// <summary>The <c>RateLimits</c> section: attempts per client address per minute.</summary>
public sealed class RateLimitOptions
{
    public int SetupPerMinute { get; set; } = 60;
    public int SignInPerMinute { get; set; } = 20;
    public int TokenPerMinute { get; set; } = 60;
    public int ClaimFailuresPerMinute { get; set; } = 10;
}

public static class RateLimiting
{
    public const string Setup = "setup";
    public const string SignIn = "signin";
    public const string Token = "token";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddBootstrapRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddSingleton(new ClaimFailureLimiter(limits.ClaimFailuresPerMinute));
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Setup, context => PerClient(context, limits.SetupPerMinute));
            options.AddPolicy(SignIn, context => PerClient(context, limits.SignInPerMinute));
            options.AddPolicy(Token, context => PerClient(context, limits.TokenPerMinute));
            options.OnRejected = (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Window;
                var http = rejected.HttpContext;
                var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "global";
                return new ValueTask(TooManyRequests(http, http.RequestServices.GetRequiredService<ApiErrorMappers>(), retryAfter, policy).ExecuteAsync(http));
            };
        });
        return services;
    }

    /// <summary>429 in the caller's family format, with Retry-After.</summary>
    /// <param name="limit">Which limit was hit, for the rejections metric.</param>
    public static IResult TooManyRequests(HttpContext context, ApiErrorMappers errors, TimeSpan retryAfter, string limit)
    {
        context.RequestServices.GetRequiredService<BootstrapMetrics>().RateLimitRejected(limit);
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return errors.For(context).Map(new ApiError(ErrorKind.TooManyRequests, "too many requests, retry later"));
    }

    internal static string ClientKey(HttpContext context) => context.Caller().Key;

    internal static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = Window, QueueLimit = 0, AutoReplenishment = true };

    private static RateLimitPartition<string> PerClient(HttpContext context, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => PerMinute(permits));
}

/// <summary>Counts failed claim-token attempts per client; past the limit they are answered 429.</summary>
public sealed class ClaimFailureLimiter(int permitsPerMinute)
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter = PartitionedRateLimiter.Create<HttpContext, string>(
        context => RateLimitPartition.GetFixedWindowLimiter(RateLimiting.ClientKey(context), _ => RateLimiting.PerMinute(permitsPerMinute)));

    public bool TryAcquire(HttpContext context, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(context);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        return lease.IsAcquired;
    }
}
