using System.Net;
using System.Net.Http.Json;
using Bootstrap.Api.Data;
using Bootstrap.Domain.Entities;
using Bootstrap.E2E.Tests.Infrastructure;
using Bootstrap.E2E.Tests.Pages;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SetupEquivalenceTests(BrowserFixture browser)
{
    [Fact]
    public async Task CompletingTheWizard_ShouldLeaveTheSameDatabaseState_AsTheEquivalentHeadlessRequest()
    {
        var values = new SetupValues();

        await using var viaWizard = await AppServer.StartAsync();
        var page = await browser.NewPageAsync(viaWizard);
        var wizard = new SetupWizardPage(page);
        await wizard.OpenAsync();
        await wizard.FillEverythingAsync(values);
        await wizard.ClickCreateAsync();

        await using var headless = await AppServer.StartAsync();
        using var response = await headless.Http.PostAsJsonAsync("api/setup", values.ToNativeRequest());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var wizardState = await DatabaseState.ReadAsync(viaWizard);
        var headlessState = await DatabaseState.ReadAsync(headless);
        Assert.Equal(headlessState with { Channel = "" }, wizardState with { Channel = "" });
        Assert.Equal(nameof(SetupChannel.Wizard), wizardState.Channel);
        Assert.Equal(nameof(SetupChannel.Api), headlessState.Channel);
    }

    /// <summary>Everything that should not depend on which door was used (ids, hashes and times aside).</summary>
    private sealed record DatabaseState(
        string RowsPerTable,
        string Organizations,
        string Users,
        string Roles,
        string Buckets,
        string Tokens,
        string MachineKeys,
        string AuditActions,
        string Channel)
    {
        public static async Task<DatabaseState> ReadAsync(AppServer app)
        {
            await using var db = app.OpenDatabase();
            var users = await db.Users.IgnoreQueryFilters().ToListAsync();
            string UserName(Guid id) => users.Single(u => u.Id == id).UserName!;
            var organizations = await db.Organizations.IgnoreQueryFilters().ToListAsync();
            var memberships = await db.Memberships.IgnoreQueryFilters().ToListAsync();
            var buckets = await db.Buckets.IgnoreQueryFilters().ToListAsync();
            var tokens = await db.ApiTokens.IgnoreQueryFilters().ToListAsync();
            var keys = await db.MachineKeys.IgnoreQueryFilters().ToListAsync();
            var audit = await db.AuditEvents.IgnoreQueryFilters().ToListAsync();
            var instance = await db.Instances.SingleAsync(i => i.Id == Instance.FirstId);

            return new DatabaseState(
                RowsPerTable: string.Join(", ", new[]
                {
                    $"instances={await db.Instances.CountAsync()}", $"organizations={organizations.Count}", $"users={users.Count}",
                    $"memberships={memberships.Count}", $"buckets={buckets.Count}", $"tokens={tokens.Count}",
                    $"machineKeys={keys.Count}", $"audit={audit.Count}",
                }),
                Organizations: Join(organizations.Select(o => $"{o.Name}/{o.Slug}")),
                Users: Join(users.Select(u => $"{u.UserName}:{u.Kind}:{u.Email}:{u.DisplayName}:super={u.IsSuperAdmin}:password={u.PasswordHash is not null}")),
                Roles: Join(memberships.Select(m => $"{UserName(m.UserId)}@{(m.OrganizationId is null ? "instance" : organizations.Single(o => o.Id == m.OrganizationId).Name)}={string.Join('+', m.Roles)}")),
                Buckets: Join(buckets.Select(b => $"{b.Name}:{b.RetentionSeconds}")),
                Tokens: Join(tokens.Select(t => $"{UserName(t.UserId)}:{t.Kind}:{t.Description}:expires={t.ExpiresAt is not null}:permissions={t.Permissions.Count}")),
                MachineKeys: Join(keys.Select(k => $"{UserName(k.UserId)}:{k.ExpiresAt:yyyy-MM-dd}")),
                AuditActions: Join(audit.Select(a => $"{a.Action}:{a.Succeeded}")),
                Channel: $"{instance.SetupChannel}");
        }

        private static string Join(IEnumerable<string> values) => string.Join(" | ", values.Order(StringComparer.Ordinal));
    }
}
