using System.Net;
using Bootstrap.Api.Tests.Infrastructure;

namespace Bootstrap.Api.Tests.Influx;

/// <summary>What the official clients' <c>ping()</c> reads: 204 and the <c>X-Influxdb-*</c> headers of InfluxDB 2.x OSS.</summary>
public sealed class InfluxPingTests
{
    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task Ping_ShouldAnswer204WithInfluxHeadersToARemotePeerBeforeSetup(string method)
    {
        await using var app = new BootstrapApiFactory(RemotePeerStartupFilter.Install());

        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/ping"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("OSS", response.Headers.GetValues("X-Influxdb-Build").Single());
        Assert.Matches(@"^v2\.7\.\d+$", response.Headers.GetValues("X-Influxdb-Version").Single());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Health_ShouldCarryTheInfluxHeadersToo()
    {
        await using var app = new BootstrapApiFactory(RemotePeerStartupFilter.Install());

        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("OSS", response.Headers.GetValues("X-Influxdb-Build").Single());
        Assert.Matches(@"^v2\.7\.\d+$", response.Headers.GetValues("X-Influxdb-Version").Single());
        Assert.Equal("pass", (await response.ReadJsonAsync()).GetProperty("status").GetString());
    }
}
