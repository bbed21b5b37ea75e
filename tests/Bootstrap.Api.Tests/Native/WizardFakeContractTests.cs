using System.Net;
using System.Text;
using System.Text.Json;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Web.Tests.Infrastructure;

namespace Bootstrap.Api.Tests.Native;

/// <summary>
/// The wizard's bUnit tests answer from fakes (<see cref="Responses"/>, linked from Bootstrap.Web.Tests) instead of
/// the API: here the real <c>POST /api/setup</c> answers, and every fake must have their shape, property for
/// property, so a change to the API's answers cannot leave the wizard's tests passing on a stale picture of them.
/// </summary>
public sealed class WizardFakeContractTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task WizardFakes_ShouldHaveTheShapeOfTheRealSetupAnswers(DatabaseProvider provider)
    {
        await using var app = await BootstrapApiFactory.OnAsync(provider);
        var client = app.CreateClient();
        var refused = Requests.NativeSetup();
        ((Dictionary<string, object?>)refused["admin"]!)["userName"] = "";

        var validationProblem = await client.PostJsonAsync("/api/setup", refused);
        var created = await client.PostJsonAsync("/api/setup", Requests.NativeSetup(withMachine: true));

        Assert.Equal(HttpStatusCode.BadRequest, validationProblem.StatusCode);
        var problem = await validationProblem.ReadJsonAsync();
        Assert.Equal(["admin.userName"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(Shape(problem), Shape(Parse(Responses.ValidationProblem("admin.userName", "That user name is reserved."))));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var answer = await created.ReadJsonAsync();
        var fake = Parse(Responses.Created(withMachine: true));
        Assert.Equal(Shape(answer), Shape(fake));
        Assert.Equal(Shape(MachineKeyFile(answer)), Shape(MachineKeyFile(fake)));
    }

    [Fact]
    public void CreatedWithoutMachine_ShouldLeaveOutOnlyTheMachine()
    {
        var withMachine = Shape(Parse(Responses.Created(withMachine: true)));

        var without = Shape(Parse(Responses.Created(withMachine: false)));

        Assert.Equal(withMachine.Where(path => !path.StartsWith("$.machine", StringComparison.Ordinal)), without);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    private static JsonElement MachineKeyFile(JsonElement setupAnswer) =>
        Parse(Encoding.UTF8.GetString(Convert.FromBase64String(setupAnswer.GetProperty("machine").GetProperty("machineKey").GetString()!)));

    /// <summary>Every property path with the kind of its value (<c>$.admin.userName: String</c>), in order.</summary>
    private static List<string> Shape(JsonElement element)
    {
        var paths = new List<string>();
        Walk(element, "$");
        return [.. paths.Order(StringComparer.Ordinal)];

        void Walk(JsonElement value, string path)
        {
            var kind = value.ValueKind is JsonValueKind.True or JsonValueKind.False ? "Boolean" : value.ValueKind.ToString();
            paths.Add($"{path}: {kind}");
            if (value.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in value.EnumerateObject())
                {
                    Walk(property.Value, $"{path}.{property.Name}");
                }
            }
            else if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray())
                {
                    Walk(item, $"{path}[]");
                }
            }
        }
    }
}
