using System.Net;
using Bootstrap.Api.Tests.Infrastructure;

namespace Bootstrap.Api.Tests.Operations;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_ShouldAnswer200OnceMigrated()
    {
        await using var app = new BootstrapApiFactory();

        var response = await app.CreateClient().GetAsync("/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", (await response.ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("this is not a database file, just some text long enough to fill a header page......")]
    public async Task Ready_ShouldAnswer503WhenTheDatabaseLacksMigrationsOrIsUnreadable(string? replacement)
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ready")).StatusCode);

        BootstrapApiFactory.DeleteDatabase(app.DatabasePath);
        if (replacement is not null)
        {
            await File.WriteAllTextAsync(app.DatabasePath, replacement);
        }
        var response = await client.GetAsync("/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unavailable", (await response.ReadJsonAsync()).GetProperty("status").GetString());
    }
}
