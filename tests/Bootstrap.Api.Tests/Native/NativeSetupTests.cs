using System.Net;
using System.Security.Cryptography;
using System.Text;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Microsoft.EntityFrameworkCore;

namespace Bootstrap.Api.Tests.Native;

public sealed class NativeSetupTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task SetupWithMachineUser_ShouldReturnAWorkingPatAndAKeyWhosePrivateHalfIsNotStored(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);
        var client = app.CreateClient();

        var response = await client.PostJsonAsync("/api/setup", Requests.NativeSetup());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(["instanceId", "organization", "admin", "bucket", "operatorToken", "machine"], body.PropertyNames());
        Assert.Equal("acme-corp", body.GetProperty("organization").GetProperty("slug").GetString());
        Assert.Equal(30 * 86400, body.GetProperty("bucket").GetProperty("retentionSeconds").GetInt64());
        var machine = body.GetProperty("machine");
        Assert.Equal("ci-bot", machine.GetProperty("userName").GetString());

        var pat = machine.GetProperty("pat").GetString()!;
        var me = await client.GetWithTokenAsync("/api/v2/me", pat, scheme: "Bearer");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("ci-bot", (await me.ReadJsonAsync()).GetProperty("name").GetString());
        var buckets = await (await client.GetWithTokenAsync("/api/v2/buckets", pat)).ReadJsonAsync();
        Assert.Equal("telemetry", Assert.Single(buckets.GetProperty("buckets").EnumerateArray()).GetProperty("name").GetString());

        var keyFile = MachineKeyFile.FromBase64(machine.GetProperty("machineKey").GetString()!);
        Assert.Equal("serviceaccount", keyFile.Type);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", keyFile.Key);
        Assert.Equal("9999-12-31T23:59:59Z", keyFile.ExpirationDate);
        using var privateKey = RSA.Create();
        privateKey.ImportFromPem(keyFile.Key);
        Assert.Equal(2048, privateKey.KeySize);

        var stored = await app.QueryAsync(db => db.MachineKeys.IgnoreQueryFilters().SingleAsync());
        using var publicKey = RSA.Create();
        publicKey.ImportFromPem(stored.PublicKeyPem);
        var signature = privateKey.SignData("proof"u8.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.True(publicKey.VerifyData("proof"u8.ToArray(), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        // The raw-bytes proof needs the whole database in one file, which only SQLite gives.
        if (provider != DatabaseProvider.Sqlite)
        {
            return;
        }
        var file = app.ReadDatabaseBytes();
        var privateBody = keyFile.Key.Split('\n')[1];
        Assert.Equal(-1, file.AsSpan().IndexOf(Encoding.ASCII.GetBytes(privateBody)));
        Assert.Equal(-1, file.AsSpan().IndexOf("PRIVATE KEY"u8));
        Assert.Equal(-1, file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(pat)));
        Assert.Equal(-1, file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(body.GetProperty("operatorToken").GetString()!)));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Status_ShouldReportCompletionAndChannel_NotTheChannelAHeaderClaims(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);
        var client = app.CreateClient();
        var before = await (await client.GetAsync("/api/setup")).ReadJsonAsync();
        Assert.True(before.GetProperty("allowed").GetBoolean());

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/setup") { Content = System.Net.Http.Json.JsonContent.Create(Requests.NativeSetup(withMachine: false)) };
        request.Headers.Add("X-Bootstrap-Channel", "wizard");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(request)).StatusCode);

        var after = await (await client.GetAsync("/api/setup")).ReadJsonAsync();
        Assert.False(after.GetProperty("allowed").GetBoolean());
        Assert.Equal("api", after.GetProperty("channel").GetString());
        Assert.True(after.GetProperty("completedAt").GetDateTime() > DateTime.UtcNow.AddMinutes(-1));
        var audit = await app.QueryAsync(db => db.AuditEvents.IgnoreQueryFilters().SingleAsync());
        Assert.Equal("setup.completed", audit.Action);
        Assert.Equal(SetupChannel.Api, audit.Channel);
        Assert.DoesNotContain(Requests.Password, audit.Detail);
    }

    [Fact]
    public async Task InvalidRequest_ShouldAnswerValidationProblemKeyedByJsonPath()
    {
        await using var app = new BootstrapApiFactory();
        var request = Requests.NativeSetup();
        ((Dictionary<string, object?>)request["admin"]!)["password"] = "short";
        ((Dictionary<string, object?>)request["admin"]!)["email"] = "not-an-email";
        ((Dictionary<string, object?>)request["bucket"]!)["retentionSeconds"] = 60;
        ((Dictionary<string, object?>)request["machine"]!)["userName"] = "ADMIN";

        var response = await app.CreateClient().PostJsonAsync("/api/setup", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(
            ["admin.email", "admin.password", "bucket.retentionSeconds", "machine.userName"],
            errors.PropertyNames().Order());
        Assert.Contains("8 and 72", errors.GetProperty("admin.password")[0].GetString());
        Assert.Equal(0, await app.CountAsync<User>());
    }

    [Fact]
    public async Task CommonPassword_ShouldAnswer400ProblemNamingTheField()
    {
        await using var app = new BootstrapApiFactory();
        var request = Requests.NativeSetup();
        ((Dictionary<string, object?>)request["admin"]!)["password"] = "password";

        var response = await app.CreateClient().PostJsonAsync("/api/setup", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(["admin.password"], errors.PropertyNames());
        Assert.Equal("password must not be one of the 30,000 most common passwords", errors.GetProperty("admin.password")[0].GetString());
        Assert.Equal(0, await app.CountAsync<User>());
    }

    [Theory]
    [InlineData("""{"organization": 5}""", "organization")]
    [InlineData("""{"organization": "x", "admin": {"password": [1]}}""", "admin.password")]
    [InlineData("not json", "body")]
    [InlineData("", "body")]
    public async Task MalformedBody_ShouldAnswerProblemDetailsNamingTheJsonPath(string body, string expectedKey)
    {
        await using var app = new BootstrapApiFactory();

        var response = await app.CreateClient().PostRawAsync("/api/setup", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Contains(expectedKey, errors.PropertyNames());
        Assert.Equal(0, await app.CountAsync<User>());
    }

    [Fact]
    public async Task SecondSetup_ShouldAnswer409ProblemAfterInfluxOnboarding()
    {
        await using var app = new BootstrapApiFactory();
        var client = app.CreateClient();
        await client.PostJsonAsync("/api/v2/setup", Requests.InfluxOnboarding());

        var response = await client.PostJsonAsync("/api/setup", Requests.NativeSetup());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(409, (await response.ReadJsonAsync()).GetProperty("status").GetInt32());
        Assert.Equal(1, await app.CountAsync<User>());
    }
}
