using System.Text;
using System.Text.Json;
using Bootstrap.Api.Native;
using Bootstrap.Api.Native.Setup;
using Bootstrap.Domain.Setup;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bootstrap.Web.Tests.Infrastructure;

/// <summary>
/// API answers in the exact wire shape of <c>POST /api/setup</c>: serialized from the API's own types
/// (<see cref="SetupResponse"/>, <see cref="NativeErrorMapper"/>'s problem details), so that the fakes cannot drift
/// from them; the API tests check the result against what the real endpoint answers (WizardFakeContractTests).
/// </summary>
public static class Responses
{
    public const string OperatorToken = "operator-token-7f3a9c1e5b";
    public const string Pat = "machine-pat-2d8e4f6a0c";
    public const string PrivateKeyMarker = "MIIEpAIBAAKCAQEAtestkey";

    /// <summary>ASP.NET Core's web defaults, which the API's controllers write with.</summary>
    private static readonly JsonSerializerOptions ApiJson = new(JsonSerializerDefaults.Web);

    public static string Created(bool withMachine = false) => JsonSerializer.Serialize(
        new SetupResponse(
            Guid.Parse("00000000-0000-0000-0000-000000000001"),
            new(Guid.Parse("6f9b2a4e-0000-4000-8000-000000000001"), "Acme Corp", "acme-corp"),
            new(Guid.Parse("6f9b2a4e-0000-4000-8000-000000000002"), "admin"),
            new(Guid.Parse("6f9b2a4e-0000-4000-8000-000000000004"), "telemetry", 604800),
            OperatorToken,
            withMachine ? new(Guid.Parse("6f9b2a4e-0000-4000-8000-000000000003"), "ci-bot", Pat, MachineKeyBase64()) : null),
        ApiJson);

    /// <param name="path">The request's JSON path (<c>admin.userName</c>), as the API keys its validation errors.</param>
    public static string ValidationProblem(string path, string message)
    {
        var result = (ValidationProblem)new NativeErrorMapper().Map([new ValidationFailure(path, message)]);
        return JsonSerializer.Serialize(result.ProblemDetails, ApiJson);
    }

    private static string MachineKeyBase64()
    {
        var file = new MachineKeyFile("serviceaccount", "281474976710656", $"-----BEGIN RSA PRIVATE KEY-----\n{PrivateKeyMarker}\n-----END RSA PRIVATE KEY-----\n",
            "9999-12-31T23:59:59Z", "123456789");
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(file)));
    }
}
