using System.Net;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Tests.Account;

/// <summary>The audit trail tells a person at the sign-in page from a client of the Influx API.</summary>
public sealed class SignInAuditChannelTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task SignInForm_ShouldBeAuditedAsTheWizardChannel_AndInfluxSignin_AsTheApiChannel(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider, SessionCookies.PagesCallTheTestServer, SessionCookies.PageSettings);
        await app.CompleteFirstRunAsync();
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var antiforgery = await browser.AntiforgeryTokenAsync("/signin");

        var form = await browser.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [PageForms.AntiforgeryField] = antiforgery, ["UserName"] = "admin", ["Password"] = Requests.Password,
        }));
        var influx = await app.CreateClient().SignInAsync("admin", Requests.Password);

        Assert.Equal("/", form.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NoContent, influx.StatusCode);
        var signIns = await app.QueryAsync(db => db.AuditEvents.Where(a => a.Action == "signin").OrderBy(a => a.OccurredAt).ThenBy(a => a.Id).ToListAsync());
        Assert.Equal([(SetupChannel.Wizard, true), (SetupChannel.Api, true)], signIns.Select(a => (a.Channel, a.Succeeded)));
    }
}
