using System.Data.Common;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Bootstrap.Api.Data;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.Tests.Tokens;

/// <summary>Every token operation goes through <see cref="TokenService"/>, saved with its audit event, on both databases.</summary>
public sealed class TokenServiceTests
{
    private static readonly SetupContext Wizard = new(SetupChannel.Wizard, RemoteAddress: "203.0.113.7");

    [Theory, OnSqlite, OnPostgres]
    public async Task EveryKindOfToken_ShouldAuthenticateAndBeStoredOnlyAsItsHash(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);
        var operatorToken = await app.CompleteFirstRunAsync();
        var issued = new List<IssuedToken>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BootstrapDbContext>();
            var admin = await db.Users.SingleAsync();
            var organization = await db.Organizations.SingleAsync();
            var now = DateTime.UtcNow;
            // What the provisioning plans build and save with their own rows.
            issued.Add(TokenService.NewOperatorToken(admin, organization.Id, now));
            issued.Add(TokenService.NewOwnerToken(admin, organization.Id, now));
            issued.Add(TokenService.NewMachineToken(admin, organization.Id, TokenKind.PersonalAccessToken, now.AddDays(1), now));
            issued.Add(TokenService.NewMachineToken(admin, organizationId: null, TokenKind.IdentityToken, expiresAt: null, now));
            issued.Add(TokenService.NewAccessToken(admin, organization.Id, now.AddHours(1), now));
            db.ApiTokens.AddRange(issued.Select(t => t.Token));
            await db.SaveChangesAsync();
            issued.Add(await scope.ServiceProvider.GetRequiredService<TokenService>()
                .IssueAsync(new TokenRequest(admin.Id, organization.Id, "deploy key", now.AddDays(30)), Wizard));
        }

        var client = app.CreateClient();
        Assert.Equal(
            [TokenKind.Operator, TokenKind.AllAccess, TokenKind.PersonalAccessToken, TokenKind.IdentityToken, TokenKind.AccessToken, TokenKind.AllAccess],
            issued.Select(t => t.Token.Kind));
        foreach (var token in issued)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/me", token.Secret)).StatusCode);
            var stored = await app.QueryAsync(db => db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == token.Token.Id));
            Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token.Secret)), stored.SecretHash);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/me", operatorToken)).StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task IssueAsync_ShouldSaveTheTokenWithItsAuditEventAndNoSecret(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);
        await app.CompleteFirstRunAsync();
        var (adminId, organizationId) = await AdminAndOrganizationAsync(app);

        var issued = await WithTokensAsync(app, tokens => tokens.IssueAsync(new TokenRequest(adminId, organizationId, "  CI pipeline ", ExpiresAt: null), Wizard));

        Assert.Equal("CI pipeline", issued.Token.Description);
        var audit = await app.QueryAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(a => a.Action == "token.created"));
        Assert.Equal(SetupChannel.Wizard, audit.Channel);
        Assert.Equal("admin", audit.Subject);
        Assert.Equal("203.0.113.7", audit.RemoteAddress);
        Assert.Contains($"token={Ids.ToInfluxId(issued.Token.Number)}", audit.Detail);
        Assert.DoesNotContain(issued.Secret, audit.Detail);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetWithTokenAsync("/api/v2/me", issued.Secret)).StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task IssueAsync_WithABadDescriptionOrAPastExpiry_ShouldRefuseAndWriteNothing(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);
        await app.CompleteFirstRunAsync();
        var (adminId, organizationId) = await AdminAndOrganizationAsync(app);
        var before = (await app.CountAsync<ApiToken>(), await app.CountAsync<AuditEvent>());

        foreach (var request in new[]
        {
            new TokenRequest(adminId, organizationId, "   ", ExpiresAt: null),
            new TokenRequest(adminId, organizationId, new string('x', TokenService.DescriptionMaxLength + 1), ExpiresAt: null),
            new TokenRequest(adminId, organizationId, "deploy\u202Etxt.exe", ExpiresAt: null),
            new TokenRequest(adminId, organizationId, "deploy key", DateTime.UtcNow.AddMinutes(-1)),
        })
        {
            await Assert.ThrowsAsync<InvalidTokenRequestException>(() => WithTokensAsync(app, tokens => tokens.IssueAsync(request, Wizard)));
        }

        Assert.Equal(before, (await app.CountAsync<ApiToken>(), await app.CountAsync<AuditEvent>()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task RevokeAsync_ShouldRefuseTheTokenAtOnceAndAuditIt(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);
        await app.CompleteFirstRunAsync();
        var (adminId, organizationId) = await AdminAndOrganizationAsync(app);
        var issued = await WithTokensAsync(app, tokens => tokens.IssueAsync(new TokenRequest(adminId, organizationId, "deploy key", ExpiresAt: null), Wizard));
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/me", issued.Secret)).StatusCode);

        Assert.True(await WithTokensAsync(app, tokens => tokens.RevokeAsync(issued.Token.Id, adminId, Wizard)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithTokenAsync("/api/v2/me", issued.Secret)).StatusCode);
        Assert.NotNull(await app.QueryAsync(db => db.ApiTokens.Where(t => t.Id == issued.Token.Id).Select(t => t.RevokedAt).SingleAsync()));
        var audit = await app.QueryAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(a => a.Action == "token.revoked"));
        Assert.Equal("admin", audit.Subject);
        Assert.Contains($"token={Ids.ToInfluxId(issued.Token.Number)}", audit.Detail);
        Assert.False(await WithTokensAsync(app, tokens => tokens.RevokeAsync(issued.Token.Id, adminId, Wizard)));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(a => a.Action == "token.revoked")));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task RotateOperatorAsync_ShouldRevokeTheOperatorTokenIssueANewOneAndAuditIt(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);
        var old = await app.CompleteFirstRunAsync();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/me", old)).StatusCode);

        var rotation = await WithTokensAsync(app, tokens => tokens.RotateOperatorAsync(new SetupContext(SetupChannel.Cli, RemoteAddress: null)));

        Assert.Equal(1, rotation.Revoked);
        Assert.Equal("admin", rotation.Owner.UserName);
        Assert.Equal(TokenKind.Operator, rotation.Issued.Token.Kind);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithTokenAsync("/api/v2/me", old)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/me", rotation.Issued.Secret)).StatusCode);
        var audit = await app.QueryAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(a => a.Action == "operator-token.rotated"));
        Assert.Equal(SetupChannel.Cli, audit.Channel);
        Assert.Equal($"revoked=1 issued={Ids.ToInfluxId(rotation.Issued.Token.Number)}", audit.Detail);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ListAsync_ShouldListThisInstancesTokensNewestFirst(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);
        await app.CompleteFirstRunAsync();
        var (adminId, organizationId) = await AdminAndOrganizationAsync(app);
        var issued = await WithTokensAsync(app, tokens => tokens.IssueAsync(new TokenRequest(adminId, organizationId, "deploy key", ExpiresAt: null), Wizard));

        var listed = await WithTokensAsync(app, tokens => tokens.ListAsync());

        Assert.Equal([issued.Token.Id, await app.QueryAsync(db => db.ApiTokens.Where(t => t.Kind == TokenKind.Operator).Select(t => t.Id).SingleAsync())],
            listed.Select(t => t.Id));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task FailureAfterTheAuditEventIsWritten_ShouldLeaveNeitherTheTokenNorTheRevocation(DatabaseProvider provider)
    {
        var failure = new FailAfterAuditInsert();
        await using var app = await BootstrapApiFactory.OnAsync(provider, services => services.AddSingleton<IInterceptor>(failure));
        var operatorToken = await app.CompleteFirstRunAsync();
        var (adminId, organizationId) = await AdminAndOrganizationAsync(app);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/me", operatorToken)).StatusCode);
        var before = (await app.CountAsync<ApiToken>(), await app.CountAsync<AuditEvent>());

        failure.Armed = true;
        await AssertInjectedFailureAsync(() =>
            WithTokensAsync(app, tokens => tokens.IssueAsync(new TokenRequest(adminId, organizationId, "deploy key", ExpiresAt: null), Wizard)));
        await AssertInjectedFailureAsync(() =>
            WithTokensAsync(app, tokens => tokens.RotateOperatorAsync(new SetupContext(SetupChannel.Cli, RemoteAddress: null))));
        var operatorTokenId = await app.QueryAsync(db => db.ApiTokens.Where(t => t.Kind == TokenKind.Operator).Select(t => t.Id).SingleAsync());
        await AssertInjectedFailureAsync(() => WithTokensAsync(app, tokens => tokens.RevokeAsync(operatorTokenId, adminId, Wizard)));
        failure.Armed = false;

        Assert.Equal(3, failure.Fired);
        Assert.Equal(before, (await app.CountAsync<ApiToken>(), await app.CountAsync<AuditEvent>()));
        Assert.Null(await app.QueryAsync(db => db.ApiTokens.Where(t => t.Id == operatorTokenId).Select(t => t.RevokedAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync("/api/v2/me", operatorToken)).StatusCode);
    }

    /// <summary>EF Core may wrap what an interceptor throws during a save in a <see cref="DbUpdateException"/>.</summary>
    private static async Task AssertInjectedFailureAsync(Func<Task> operation)
    {
        var thrown = await Assert.ThrowsAnyAsync<Exception>(operation);
        Assert.IsType<InjectedFailureException>(thrown as InjectedFailureException ?? thrown.InnerException);
    }

    private static async Task<(Guid AdminId, Guid OrganizationId)> AdminAndOrganizationAsync(BootstrapApiFactory app) =>
        await app.QueryAsync(async db => (await db.Users.Select(u => u.Id).SingleAsync(), await db.Organizations.Select(o => o.Id).SingleAsync()));

    private static async Task<T> WithTokensAsync<T>(BootstrapApiFactory app, Func<TokenService, Task<T>> operation)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await operation(scope.ServiceProvider.GetRequiredService<TokenService>());
    }

    /// <summary>Fails a save once its audit event's INSERT has run, so only a shared transaction can undo the rest.</summary>
    private sealed class FailAfterAuditInsert : DbCommandInterceptor
    {
        public bool Armed { get; set; }

        public int Fired { get; private set; }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            FailIfAuditInsert(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<int> NonQueryExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            FailIfAuditInsert(command);
            return ValueTask.FromResult(result);
        }

        private void FailIfAuditInsert(DbCommand command)
        {
            if (Armed && command.CommandText.Contains("INSERT INTO \"AuditEvents\"", StringComparison.Ordinal))
            {
                Fired++;
                throw new InjectedFailureException();
            }
        }
    }

    private sealed class InjectedFailureException() : Exception("injected after the audit event was written");
}
