using System.Net.Http.Json;
using System.Text.Json;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Api.Zitadel.Grpc.SystemV1;
using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Setup;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Bootstrap.Api.Tests.Infrastructure.ZitadelGrpc;
using Admin = Bootstrap.Api.Zitadel.Grpc.AdminV1;

namespace Bootstrap.Api.Tests.Zitadel;

/// <summary>Zitadel's SystemService and AdminService over gRPC and gRPC-Web, on both database providers.</summary>
/// <remarks>
/// The read-only theories share one app: a fresh one (<see cref="SharedFreshApp"/>) for health, a set-up one
/// (<see cref="SharedSetUpApp"/>) for refused calls, which write nothing.
/// </remarks>
public sealed class GrpcServiceTests(SharedFreshApp fresh, SharedSetUpApp setUp) : IClassFixture<SharedFreshApp>, IClassFixture<SharedSetUpApp>
{
    public static TheoryData<DatabaseProvider, GrpcTransport> ProvidersAndTransports => new()
    {
        { DatabaseProvider.Sqlite, GrpcTransport.Grpc },
        { DatabaseProvider.Sqlite, GrpcTransport.GrpcWeb },
        { DatabaseProvider.Postgres, GrpcTransport.Grpc },
        { DatabaseProvider.Postgres, GrpcTransport.GrpcWeb },
    };

    public static TheoryData<GrpcTransport> Transports => [GrpcTransport.Grpc, GrpcTransport.GrpcWeb];

    [Theory]
    [MemberData(nameof(ProvidersAndTransports))]
    public async Task CreateInstance_ShouldCreateTheInstanceAndAnswerZitadelsReply(DatabaseProvider provider, GrpcTransport transport)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider, settings: SystemToken);
        await app.CompleteFirstRunAsync();

        var reply = await app.SystemClient(transport).CreateInstanceAsync(ZitadelGrpc.CreateInstance(), SystemCredential);

        Assert.Matches("^[0-9]+$", reply.InstanceId);
        Assert.Equal(reply.InstanceId, reply.Details.ResourceOwner);
        Assert.True(reply.Details.Sequence > 0);
        Assert.Equal(reply.Details.CreationDate, reply.Details.ChangeDate);
        Assert.InRange(reply.Details.CreationDate.ToDateTime(), DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
        Assert.NotEmpty(reply.Pat);
        // bytes on the wire: the key file itself, which the JSON door shows base64-encoded.
        var keyFile = MachineKeyFile.FromBase64(reply.MachineKey.ToBase64());
        Assert.Equal("serviceaccount", keyFile.Type);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", keyFile.Key);

        var instanceNumber = long.Parse(reply.InstanceId);
        var instance = await app.QueryAsync(db => db.Instances.SingleAsync(i => i.Number == instanceNumber));
        Assert.Equal("second.test", instance.CustomDomain);
        var memberships = await app.QueryAsync(db => db.Memberships.IgnoreQueryFilters().Where(m => m.InstanceId == instance.Id).ToListAsync());
        Assert.Single(memberships, m => m.OrganizationId == null && m.Roles.Contains(Roles.IamOwner));

        // The PAT it returned is an instance owner's, on that instance's host: SetUpOrg on the same transport.
        var org = await app.AdminClient(transport, "second.test").SetUpOrgAsync(ZitadelGrpc.SetUpOrg(), Bearer(reply.Pat));

        Assert.Equal(org.OrgId, org.Details.ResourceOwner);
        var orgNumber = long.Parse(org.OrgId);
        var stored = await app.QueryAsync(db => db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Number == orgNumber));
        Assert.Equal(instance.Id, stored.InstanceId);
        Assert.Equal("Team", stored.Name);
        var userNumber = long.Parse(org.UserId);
        var user = await app.QueryAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Number == userNumber));
        Assert.Equal(("gigi-giraffe", "Gigi", "Giraffe"), (user.UserName, user.FirstName, user.LastName));
        var membership = await app.QueryAsync(db => db.Memberships.IgnoreQueryFilters().SingleAsync(m => m.OrganizationId == stored.Id));
        Assert.Equal([Roles.OrgOwner], membership.Roles);
    }

    [Theory]
    [MemberData(nameof(ProvidersAndTransports))]
    public async Task AddInstance_ShouldCreateAHumanOwnerFromTheFlatFields(DatabaseProvider provider, GrpcTransport transport)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider, settings: SystemToken);
        await app.CompleteFirstRunAsync();
        var request = new AddInstanceRequest
        {
            InstanceName = "Flat",
            FirstOrgName = "Flat Org",
            CustomDomain = "flat.test",
            OwnerUserName = "flat-owner",
            OwnerEmail = new() { Email_ = "owner@flat.test", IsEmailVerified = true },
            OwnerProfile = new() { FirstName = "Flo", LastName = "Flat", PreferredLanguage = "de" },
            OwnerPassword = new() { Password_ = ZitadelFixtures.StrongPassword },
        };

        var reply = await app.SystemClient(transport).AddInstanceAsync(request, SystemCredential);

        Assert.Equal(reply.InstanceId, reply.Details.ResourceOwner);
        var owner = await app.QueryAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.UserName == "flat-owner"));
        Assert.Equal(("Flo", "Flat", true), (owner.FirstName, owner.LastName, owner.EmailConfirmed));
        Assert.NotNull(owner.PasswordHash);
        var org = await app.QueryAsync(db => db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.InstanceId == owner.InstanceId));
        Assert.Equal("Flat Org", org.Name);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Healthz_ShouldAnswerEmptyWithoutCredentialEvenBeforeTheFirstRun(GrpcTransport transport)
    {
        var app = fresh.App;

        Assert.Equal(new HealthzResponse(), await app.SystemClient(transport).HealthzAsync(new HealthzRequest()));
        Assert.Equal(new Admin.HealthzResponse(), await app.AdminClient(transport).HealthzAsync(new Admin.HealthzRequest()));
    }

    public static TheoryData<string, CreateInstanceRequest, object> InvalidRequests => new()
    {
        { "no owner", new CreateInstanceRequest { InstanceName = "X" }, new { instanceName = "X" } },
        {
            "weak password",
            new CreateInstanceRequest
            {
                InstanceName = "X",
                Human = new() { UserName = "h", Email = new() { Email_ = "h@x.io" }, Profile = new() { FirstName = "H", LastName = "X" }, Password = new() { Password_ = "alllowercase" } },
            },
            new { instanceName = "X", human = new { userName = "h", email = new { email = "h@x.io" }, profile = new { firstName = "H", lastName = "X" }, password = new { password = "alllowercase" } } }
        },
        {
            "past key expiry",
            new CreateInstanceRequest
            {
                InstanceName = "X",
                Machine = new()
                {
                    UserName = "m", Name = "M",
                    MachineKey = new() { Type = Bootstrap.Api.Zitadel.Grpc.AuthnV1.KeyType.Json, ExpirationDate = Timestamp.FromDateTime(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)) },
                },
            },
            new { instanceName = "X", machine = new { userName = "m", name = "M", machineKey = new { type = "KEY_TYPE_JSON", expirationDate = "2020-01-01T00:00:00Z" } } }
        },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task InvalidCreateInstance_ShouldAnswerInvalidArgumentWithTheJsonDoorsMessage(string description, CreateInstanceRequest grpc, object json)
    {
        var app = setUp.App;
        var jsonError = await (await app.CreateClient().PostSystemAsync("/system/v1/instances/_create", json)).ReadJsonAsync();

        foreach (var transport in new[] { GrpcTransport.Grpc, GrpcTransport.GrpcWeb })
        {
            var failure = await FailsAsync(app.SystemClient(transport).CreateInstanceAsync(grpc, SystemCredential));

            Assert.True(failure.StatusCode == StatusCode.InvalidArgument, description);
            Assert.Equal(3, jsonError.GetProperty("code").GetInt32());
            Assert.Equal(jsonError.GetProperty("message").GetString(), failure.Status.Detail);
        }
    }

    [Theory]
    [InlineData(GrpcTransport.Grpc, null)]
    [InlineData(GrpcTransport.Grpc, "wrong-credential")]
    [InlineData(GrpcTransport.GrpcWeb, null)]
    [InlineData(GrpcTransport.GrpcWeb, "wrong-credential")]
    public async Task SystemApi_WithoutTheSystemCredential_ShouldAnswerUnauthenticated(GrpcTransport transport, string? token)
    {
        var app = setUp.App;
        var client = app.SystemClient(transport);
        var headers = token is null ? [] : Bearer(token);

        var create = await FailsAsync(client.CreateInstanceAsync(ZitadelGrpc.CreateInstance(), headers));
        var add = await FailsAsync(client.AddInstanceAsync(new AddInstanceRequest { InstanceName = "X" }, headers));

        Assert.Equal((StatusCode.Unauthenticated, "the system API needs a valid system credential"), (create.StatusCode, create.Status.Detail));
        Assert.Equal(StatusCode.Unauthenticated, add.StatusCode);
        Assert.Equal(1, await app.CountAsync<Instance>());
    }

    [Theory]
    [MemberData(nameof(ProvidersAndTransports))]
    public async Task CreateInstance_WithAnotherInstancesDomain_ShouldAnswerAlreadyExists(DatabaseProvider provider, GrpcTransport transport)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider, settings: SystemToken);
        await app.CompleteFirstRunAsync();
        var client = app.SystemClient(transport);
        await client.CreateInstanceAsync(ZitadelGrpc.CreateInstance(), SystemCredential);

        var again = await FailsAsync(client.CreateInstanceAsync(ZitadelGrpc.CreateInstance(), SystemCredential));

        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
        Assert.Equal(2, await app.CountAsync<Instance>());
    }

    [Theory]
    [MemberData(nameof(ProvidersAndTransports))]
    public async Task SetUpOrg_WithADuplicateUserName_ShouldAnswerAlreadyExists(DatabaseProvider provider, GrpcTransport transport)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider, settings: SystemToken);
        var operatorToken = await app.CompleteFirstRunAsync();
        var client = app.AdminClient(transport);
        await client.SetUpOrgAsync(ZitadelGrpc.SetUpOrg(), Bearer(operatorToken));

        var again = await FailsAsync(client.SetUpOrgAsync(ZitadelGrpc.SetUpOrg(org: "Another Team"), Bearer(operatorToken)));

        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task SetUpOrg_ShouldRefuseCallersTheJsonDoorRefusesWithTheSameCodes(GrpcTransport transport)
    {
        await using var app = new BootstrapApiFactory();
        var http = app.CreateClient();
        var client = app.AdminClient(transport);

        var beforeSetup = await FailsAsync(client.SetUpOrgAsync(ZitadelGrpc.SetUpOrg()));
        var setup = await (await http.PostJsonAsync("/api/setup", Requests.NativeSetup())).ReadJsonAsync();
        var orgOwnerPat = setup.GetProperty("machine").GetProperty("pat").GetString()!;
        var missing = await FailsAsync(client.SetUpOrgAsync(ZitadelGrpc.SetUpOrg()));
        var wrong = await FailsAsync(client.SetUpOrgAsync(ZitadelGrpc.SetUpOrg(), Bearer("not-a-token")));
        var notOwner = await FailsAsync(client.SetUpOrgAsync(ZitadelGrpc.SetUpOrg(), Bearer(orgOwnerPat)));
        var jsonNotOwner = await http.PostBearerAsync("/admin/v1/orgs/_setup", new { org = new { name = "Team" } }, orgOwnerPat);
        var invalid = await FailsAsync(client.SetUpOrgAsync(new Admin.SetUpOrgRequest { Org = new() { Name = "Team" } },
            Bearer(setup.GetProperty("operatorToken").GetString()!)));

        Assert.Equal((StatusCode.Unauthenticated, "this installation is not set up yet"), (beforeSetup.StatusCode, beforeSetup.Status.Detail));
        Assert.Equal(StatusCode.Unauthenticated, missing.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
        Assert.Equal((int)notOwner.StatusCode, (await jsonNotOwner.ReadJsonAsync()).GetProperty("code").GetInt32());
        Assert.Equal(StatusCode.PermissionDenied, notOwner.StatusCode);
        Assert.Equal((StatusCode.InvalidArgument, "human is required"), (invalid.StatusCode, invalid.Status.Detail));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task CreateInstance_WithHumanThenMachineEncoded_ShouldKeepTheLastOwnerAsProtobufDoes(GrpcTransport transport)
    {
        await using var app = new BootstrapApiFactory();
        await app.CompleteFirstRunAsync();
        var human = ZitadelGrpc.CreateInstance(machine: false);
        var machine = new CreateInstanceRequest { Machine = ZitadelGrpc.CreateInstance().Machine };
        // Two encodings one after the other are one message on the wire; field 5 (machine) comes after field 4 (human).
        var wire = human.ToByteArray().Concat(machine.ToByteArray()).ToArray();
        var rawCreateInstance = new Method<byte[], CreateInstanceResponse>(
            MethodType.Unary, "zitadel.system.v1.SystemService", "CreateInstance",
            Marshallers.Create(bytes => bytes, bytes => bytes), Marshallers.Create(r => r.ToByteArray(), CreateInstanceResponse.Parser.ParseFrom));

        var reply = await app.Channel(transport).CreateCallInvoker()
            .AsyncUnaryCall(rawCreateInstance, null, new CallOptions(SystemCredential), wire);

        Assert.NotEmpty(reply.Pat);
        var instanceNumber = long.Parse(reply.InstanceId);
        var instance = await app.QueryAsync(db => db.Instances.SingleAsync(i => i.Number == instanceNumber));
        var users = await app.QueryAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.InstanceId == instance.Id).Select(u => u.UserName).ToListAsync());
        Assert.Equal(["robot"], users);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task CreateInstance_OverTheRateLimit_ShouldAnswerResourceExhausted(GrpcTransport transport)
    {
        await using var app = new BootstrapApiFactory(settings: new Dictionary<string, string?>
        {
            ["SystemApi:Token"] = BootstrapApiFactory.SystemToken,
            ["RateLimits:SetupPerMinute"] = "2",
        });
        await app.CompleteFirstRunAsync();
        var client = app.SystemClient(transport);
        await client.CreateInstanceAsync(ZitadelGrpc.CreateInstance(), SystemCredential);

        var limited = await FailsAsync(client.CreateInstanceAsync(ZitadelGrpc.CreateInstance("third.test"), SystemCredential));

        Assert.Equal((StatusCode.ResourceExhausted, "too many requests, retry later"), (limited.StatusCode, limited.Status.Detail));
    }

    [Fact]
    public async Task GrpcRequests_ShouldPassTheBodyGuardAndAnOversizedMessageShouldFailAsAStatus()
    {
        await using var app = new BootstrapApiFactory();
        await app.CompleteFirstRunAsync();
        var oversized = ZitadelGrpc.CreateInstance();
        oversized.InstanceName = new string('x', 70 * 1024);

        var failure = await FailsAsync(app.SystemClient(GrpcTransport.Grpc).CreateInstanceAsync(oversized, SystemCredential));

        Assert.Contains(failure.StatusCode, new[] { StatusCode.InvalidArgument, StatusCode.ResourceExhausted });
        Assert.Equal(1, await app.CountAsync<Instance>());
    }

    private static Dictionary<string, string?> SystemToken => new() { ["SystemApi:Token"] = BootstrapApiFactory.SystemToken };
}
