using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Tokens;
using Bootstrap.Web.Overview;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.Tests.Security;

/// <summary>The overview's token descriptions follow the rule of every name: nothing invisible, nothing that turns the text around.</summary>
public sealed class TokenDescriptionTests
{
    [Theory]
    [InlineData("deploy\u202Etxt.exe")]
    [InlineData("deploy\u200Bkey")]
    [InlineData("\uFEFFdeploy")]
    public async Task DisguisedDescription_ShouldBeRefusedAndWriteNothing(string description)
    {
        await using var app = new BootstrapApiFactory();
        await app.CompleteFirstRunAsync();
        var (userId, organizationId) = await app.QueryAsync(async db =>
            (await db.Users.Where(u => u.Kind == UserKind.Human).Select(u => u.Id).SingleAsync(), await db.Organizations.Select(o => o.Id).SingleAsync()));
        await using var scope = app.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<TokenManagement>();
        var before = await app.CountAsync<ApiToken>();

        await Assert.ThrowsAsync<InvalidTokenRequestException>(() => tokens.CreateAsync(Instance.FirstId, userId, organizationId, description, expiresAt: null, remoteAddress: null));
        await tokens.CreateAsync(Instance.FirstId, userId, organizationId, "deploy key", expiresAt: null, remoteAddress: null);

        Assert.Equal(before + 1, await app.CountAsync<ApiToken>());
    }
}
