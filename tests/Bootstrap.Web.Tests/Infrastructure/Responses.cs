using System.Text;
using System.Text.Json;
using Bootstrap.Domain.Setup;

namespace Bootstrap.Web.Tests.Infrastructure;

/// <summary>API answers in the exact wire shape of <c>POST /api/setup</c>.</summary>
public static class Responses
{
    public const string OperatorToken = "operator-token-7f3a9c1e5b";
    public const string Pat = "machine-pat-2d8e4f6a0c";
    public const string PrivateKeyMarker = "MIIEpAIBAAKCAQEAtestkey";

    public static string Created(bool withMachine = false)
    {
        var machine = withMachine
            ? $$""","machine":{"id":"6f9b2a4e-0000-4000-8000-000000000003","userName":"ci-bot","pat":"{{Pat}}","machineKey":"{{MachineKeyBase64()}}"}"""
            : "";
        return $$"""
            {"instanceId":"00000000-0000-0000-0000-000000000001",
             "organization":{"id":"6f9b2a4e-0000-4000-8000-000000000001","name":"Acme Corp","slug":"acme-corp"},
             "admin":{"id":"6f9b2a4e-0000-4000-8000-000000000002","userName":"admin"},
             "bucket":{"id":"6f9b2a4e-0000-4000-8000-000000000004","name":"telemetry","retentionSeconds":604800},
             "operatorToken":"{{OperatorToken}}"{{machine}}}
            """;
    }

    public static string ValidationProblem(string path, string message) => JsonSerializer.Serialize(new
    {
        type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        title = "One or more validation errors occurred.",
        status = 400,
        errors = new Dictionary<string, string[]> { [path] = [message] },
    });

    private static string MachineKeyBase64()
    {
        var file = new MachineKeyFile("serviceaccount", "281474976710656", $"-----BEGIN RSA PRIVATE KEY-----\n{PrivateKeyMarker}\n-----END RSA PRIVATE KEY-----\n",
            "9999-12-31T23:59:59Z", "123456789");
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(file)));
    }
}
