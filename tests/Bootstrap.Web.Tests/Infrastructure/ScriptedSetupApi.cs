using System.Net;
using System.Text;

namespace Bootstrap.Web.Tests.Infrastructure;

/// <summary>Stands in for the API at the HTTP level: answers status queries and scripted setup responses, and records what was sent.</summary>
public sealed class ScriptedSetupApi : HttpMessageHandler
{
    public bool Allowed { get; set; } = true;

    /// <summary>The status and JSON body the next <c>POST /api/setup</c> gets.</summary>
    public (HttpStatusCode Status, string Body) SetupAnswer { get; set; } = (HttpStatusCode.Created, Responses.Created());

    public List<RecordedRequest> SetupRequests { get; } = [];

    /// <summary>The status, JSON body and Retry-After seconds every <c>POST /api/setup/claim/verify</c> gets.</summary>
    public (HttpStatusCode Status, string Body, int? RetryAfterSeconds) SetupCodeAnswer { get; set; } = (HttpStatusCode.OK, """{"required":true}""", null);

    public List<RecordedRequest> SetupCodeChecks { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath == "/api/setup")
        {
            return Json(HttpStatusCode.OK, $$"""{"allowed":{{(Allowed ? "true" : "false")}},"completedAt":null,"channel":null}""");
        }
        if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath == "/api/setup")
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            SetupRequests.Add(new RecordedRequest(
                request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase), body));
            return Json(SetupAnswer.Status, SetupAnswer.Body);
        }
        if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath == "/api/setup/claim/verify")
        {
            SetupCodeChecks.Add(new RecordedRequest(
                request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase), string.Empty));
            var answer = Json(SetupCodeAnswer.Status, SetupCodeAnswer.Body);
            if (SetupCodeAnswer.RetryAfterSeconds is { } seconds)
            {
                answer.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
            }
            return answer;
        }
        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    public sealed record RecordedRequest(IReadOnlyDictionary<string, string> Headers, string Body);
}
