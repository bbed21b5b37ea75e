using System.Net;
using System.Reflection;
using Bootstrap.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bootstrap.Api.Tests.Harness;

/// <summary>The harness itself: how tests start the real executable, and that a run cannot pass by leaving tests out.</summary>
[Collection(AppProcess.Collection)]
public sealed class TestHarnessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ServerOnPortZero_ShouldReportItsBoundHttpAndGrpcEndpointsDistinctly()
    {
        using var folder = new TempFolder();
        await using var app = AppProcess.Start(AppProcess.Web, folder, output, grpc: true);

        await app.WaitUntilHealthyAsync();

        var http = app.BaseAddress;
        var grpc = app.GrpcAddress!;
        Assert.NotEqual(0, http.Port);
        Assert.NotEqual(0, grpc.Port);
        Assert.NotEqual(http.Port, grpc.Port);
        Assert.Contains($"Http endpoint listening on http://127.0.0.1:{http.Port}", app.Output);
        Assert.Contains($"Grpc endpoint listening on http://127.0.0.1:{grpc.Port}", app.Output);
        using var client = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(http, "/health"))).StatusCode);
        // The Grpc endpoint speaks cleartext HTTP/2 (prior knowledge) only, the Http one HTTP/1.1.
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync(new Uri(grpc, "/health"))).StatusCode);
        using var http2 = new HttpRequestMessage(HttpMethod.Get, new Uri(grpc, "/health"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(http2)).StatusCode);
    }

    [Fact]
    public void PostgresServer_ShouldFailSayingHowToInstallPostgres_WhenItIsNotInstalled()
    {
        using var folder = new TempFolder();

        var failure = Assert.Throws<InvalidOperationException>(() => PostgresServer.RequireBinFolder(folder.Path));

        Assert.Contains("apt-get install postgresql", failure.Message);
        Assert.Contains(PostgresServer.ExternalServerVariable, failure.Message);
    }

    [Fact]
    public void TestMethods_ShouldNeverBeSkipped()
    {
        var skipped = typeof(TestHarnessTests).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(method => method.GetCustomAttribute<FactAttribute>() is { Skip: not null }
                || method.GetCustomAttributes<Xunit.Sdk.DataAttribute>().Any(data => data.Skip is not null))
            .Select(method => $"{method.DeclaringType!.Name}.{method.Name}")
            .ToList();

        Assert.Empty(skipped);
    }
}
