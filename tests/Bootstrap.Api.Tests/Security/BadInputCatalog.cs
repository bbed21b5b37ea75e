using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bootstrap.Api.Common;
using Bootstrap.Api.Tests.Infrastructure;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Zitadel;

namespace Bootstrap.Api.Tests.Security;

/// <summary>Which prepared app an endpoint is fuzzed on, and what credential it is called with.</summary>
public enum BadInputTarget
{
    /// <summary>A fresh app: the first-run endpoints, which must stay open after every refusal.</summary>
    FirstRun,

    /// <summary>A set-up app, called with the system API credential.</summary>
    SystemApi,

    /// <summary>A set-up app, called with the first run's operator token.</summary>
    OperatorToken,

    /// <summary>A set-up app's second instance (<c>second.test</c>), called with its owner machine's PAT.</summary>
    InstanceOwnerPat,

    /// <summary>A set-up app's second instance, called with no credential (the token endpoint).</summary>
    Anonymous,
}

/// <summary>One bad request: its name and how to build its body (some need the fixture's machine key).</summary>
public sealed record BadInputCase(string Name, Func<MachineKeyFile, HttpContent> Content);

/// <summary>A POST endpoint with a valid body that the cases spoil one way at a time.</summary>
/// <param name="Columns">Which column (<c>Entity.Property</c>) each of the body's fields is stored in, by JSON path.</param>
public sealed record BadInputEndpoint(
    string Name, ApiFamily Family, string Path, BadInputTarget Target, IReadOnlyList<BadInputCase> Cases, IReadOnlyDictionary<string, string> Columns);

/// <summary>
/// Every POST endpoint × malformed, empty, mistyped, null, control-character, unpaired-surrogate,
/// invisible or text-direction character, overflowing, longer-than-its-column, deeply nested and
/// oversized input. Deterministic, so a failure can be replayed by name.
/// </summary>
public static class BadInputCatalog
{
    private const string Issuer = "http://second.test";

    private const string Placeholder = "__bad_input__";
    private const int OversizedBytes = 200 * 1024;
    private const int NestingDepth = 10_000;

    private const string InfluxOnboarding =
        """{"username":"fuzzer","password":"correct-horse-9","org":"fuzz-org","bucket":"telemetry","retentionPeriodSeconds":604800,"retentionPeriodHrs":0,"token":"a-supplied-token"}""";

    /// <summary>Characters that make a name display as something else; a secret may hold them.</summary>
    private static readonly (string Name, char Character)[] DisguisingCharacters =
    [
        ("a text-direction override", '\u202E'),
        ("a text-direction isolate", '\u2067'),
        ("a right-to-left mark", '\u200F'),
        ("a zero-width space", '\u200B'),
        ("a zero-width joiner", '\u200D'),
        ("a byte order mark", '\uFEFF'),
    ];

    public static readonly IReadOnlyList<BadInputEndpoint> Endpoints =
    [
        Json("native setup", ApiFamily.Native, "/api/setup", BadInputTarget.FirstRun,
            """
            {"organization":"Acme Corp",
             "admin":{"userName":"admin","email":"admin@acme.test","password":"correct-horse-9"},
             "bucket":{"name":"telemetry","retentionSeconds":2592000},
             "machine":{"userName":"ci-bot","name":"CI robot","machineKey":true,"patExpiresAt":"2999-01-01T00:00:00Z","machineKeyExpiresAt":"2999-01-01T00:00:00Z"}}
            """,
            optional: ["machine", "machine.patExpiresAt", "machine.machineKeyExpiresAt"],
            columns: new()
            {
                ["organization"] = "Organization.Name", ["admin.userName"] = "User.UserName", ["admin.email"] = "User.Email",
                ["bucket.name"] = "Bucket.Name", ["machine.userName"] = "User.UserName", ["machine.name"] = "User.DisplayName",
            }),
        Json("influx setup", ApiFamily.Influx, "/api/v2/setup", BadInputTarget.FirstRun, InfluxOnboarding,
            optional: ["password", "retentionPeriodSeconds", "retentionPeriodHrs", "token"], columns: InfluxColumns, anyContentType: true),
        Json("influx setup/user", ApiFamily.Influx, "/api/v2/setup/user", BadInputTarget.OperatorToken, InfluxOnboarding,
            optional: ["password", "retentionPeriodSeconds", "retentionPeriodHrs", "token"], columns: InfluxColumns, anyContentType: true),
        Json("infisical bootstrap", ApiFamily.Infisical, "/api/v1/admin/bootstrap", BadInputTarget.FirstRun,
            """{"email":"boss@acme.test","password":"correct-horse-9","organization":"Acme Inc"}""",
            optional: [],
            columns: new() { ["email"] = "User.Email", ["organization"] = "Organization.Name" }),
        Json("zitadel CreateInstance", ApiFamily.Zitadel, "/system/v1/instances/_create", BadInputTarget.SystemApi,
            """
            {"instanceName":"Fuzzed","firstOrgName":"Fuzzed Org","customDomain":"fuzzed.test","defaultLanguage":"en",
             "human":{"userName":"owner","email":{"email":"owner@fuzzed.test","isEmailVerified":true},
                      "profile":{"firstName":"Olga","lastName":"Owner","preferredLanguage":"en"},
                      "password":{"password":"Sec-ret-123!","passwordChangeRequired":false}}}
            """,
            // protojson reads null as unset, so a null bool is false rather than bad input.
            optional: ["firstOrgName", "customDomain", "defaultLanguage", "human.password", "human.password.password", "human.profile.preferredLanguage",
                "human.email.isEmailVerified", "human.password.passwordChangeRequired"],
            anyContentType: true,
            columns: new()
            {
                ["instanceName"] = "Instance.Name", ["firstOrgName"] = "Organization.Name", ["customDomain"] = "Instance.CustomDomain",
                ["defaultLanguage"] = "Instance.DefaultLanguage", ["human.userName"] = "User.UserName", ["human.email.email"] = "User.Email",
                ["human.profile.firstName"] = "User.FirstName", ["human.profile.lastName"] = "User.LastName",
                ["human.profile.preferredLanguage"] = "User.PreferredLanguage",
            },
            extra:
            [
                ("owner: human and machine", body => WithField(body, "machine", """{"userName":"robot","name":"Robot"}""")),
            ]),
        // The owner is a oneof, so the machine owner is fuzzed in a body of its own.
        Json("zitadel CreateInstance machine", ApiFamily.Zitadel, "/system/v1/instances/_create", BadInputTarget.SystemApi,
            """
            {"instanceName":"Fuzzed","customDomain":"fuzzed-machine.test",
             "machine":{"userName":"robot","name":"Robot","personalAccessToken":{"expirationDate":"2999-01-01T00:00:00Z"},
                        "machineKey":{"type":"KEY_TYPE_JSON","expirationDate":"2999-01-01T00:00:00Z"}}}
            """,
            optional: ["customDomain", "machine.personalAccessToken", "machine.personalAccessToken.expirationDate", "machine.machineKey",
                "machine.machineKey.expirationDate"],
            anyContentType: true,
            columns: new() { ["machine.userName"] = "User.UserName", ["machine.name"] = "User.DisplayName" },
            extra:
            [
                ("machineKey.type: KEY_TYPE_UNSPECIFIED", body => WithField(body, "machine.machineKey.type", "\"KEY_TYPE_UNSPECIFIED\"")),
                ("machineKey.type: 0", body => WithField(body, "machine.machineKey.type", "0")),
                ("machineKey.type: an unknown name", body => WithField(body, "machine.machineKey.type", "\"KEY_TYPE_X509\"")),
            ]),
        Json("zitadel AddInstance", ApiFamily.Zitadel, "/system/v1/instances", BadInputTarget.SystemApi,
            """
            {"instanceName":"Flat","firstOrgName":"Flat Org","customDomain":"flat-fuzzed.test","defaultLanguage":"en","ownerUserName":"flat-owner",
             "ownerEmail":{"email":"owner@flat.test","isEmailVerified":true},"ownerProfile":{"firstName":"Flo","lastName":"Flat"},
             "ownerPassword":{"password":"Sec-ret-123!"}}
            """,
            optional: ["firstOrgName", "customDomain", "defaultLanguage", "ownerPassword", "ownerPassword.password", "ownerEmail.isEmailVerified"],
            anyContentType: true,
            columns: new()
            {
                ["instanceName"] = "Instance.Name", ["firstOrgName"] = "Organization.Name", ["customDomain"] = "Instance.CustomDomain",
                ["defaultLanguage"] = "Instance.DefaultLanguage", ["ownerUserName"] = "User.UserName", ["ownerEmail.email"] = "User.Email",
                ["ownerProfile.firstName"] = "User.FirstName", ["ownerProfile.lastName"] = "User.LastName",
            }),
        Json("zitadel SetUpOrg", ApiFamily.Zitadel, "/admin/v1/orgs/_setup", BadInputTarget.InstanceOwnerPat,
            """
            {"org":{"name":"Team","domain":"team.test"},
             "human":{"userName":"gigi-giraffe","profile":{"firstName":"Gigi","lastName":"Giraffe","nickName":"Gigi G.","displayName":"Gigi the Giraffe",
                                                          "preferredLanguage":"en"},
                      "email":{"email":"gigi@team.test","isEmailVerified":true},"phone":{"phone":"+41710000000","isPhoneVerified":true},
                      "password":"Sec-ret-123!"},
             "roles":["ORG_OWNER"]}
            """,
            optional: ["org.domain", "human.profile.nickName", "human.profile.displayName", "human.profile.preferredLanguage",
                "human.phone", "human.phone.isPhoneVerified", "human.password", "roles", "human.email.isEmailVerified"],
            anyContentType: true,
            columns: new()
            {
                ["org.name"] = "Organization.Name", ["org.domain"] = "Organization.Domain", ["human.userName"] = "User.UserName",
                ["human.email.email"] = "User.Email", ["human.profile.firstName"] = "User.FirstName", ["human.profile.lastName"] = "User.LastName",
                ["human.profile.nickName"] = "User.NickName", ["human.profile.displayName"] = "User.DisplayName",
                ["human.profile.preferredLanguage"] = "User.PreferredLanguage", ["human.phone.phone"] = "User.PhoneNumber",
            },
            extra:
            [
                ($"roles: more than {SetUpOrgRequestValidator.MaxRoles}", body => WithField(body, "roles",
                    JsonSerializer.Serialize(Enumerable.Range(0, SetUpOrgRequestValidator.MaxRoles + 1).Select(i => $"ROLE_{i}")))),
                ($"roles: one longer than {SetUpOrgRequestValidator.RoleMaxLength} characters", body => WithField(body, "roles",
                    JsonSerializer.Serialize(new[] { new string('R', SetUpOrgRequestValidator.RoleMaxLength + 1) }))),
                ("roles: a zero-width space", body => WithField(body, "roles", JsonSerializer.Serialize(new[] { "ORG_\u200BOWNER" }))),
                ("roles: a text-direction override", body => WithField(body, "roles", JsonSerializer.Serialize(new[] { "ORG_\u202EOWNER" }))),
            ]),
        new("oauth token", ApiFamily.OAuth, "/oauth/v2/token", BadInputTarget.Anonymous, TokenEndpointCases().ToList(), new Dictionary<string, string>()),
    ];


    public static BadInputEndpoint Endpoint(string name) => Endpoints.Single(e => e.Name == name);

    /// <summary>Every case, by endpoint name and case name.</summary>
    public static IEnumerable<(string Endpoint, string Case)> All() =>
        Endpoints.SelectMany(endpoint => endpoint.Cases.Select(badCase => (endpoint.Name, badCase.Name)));

    private static Dictionary<string, string> InfluxColumns => new()
    {
        ["username"] = "User.UserName", ["org"] = "Organization.Name", ["bucket"] = "Bucket.Name",
    };

    /// <param name="anyContentType">The endpoint reads JSON whatever the declared type (Influx's setup), so valid JSON declared otherwise is no bad input there.</param>
    private static BadInputEndpoint Json(string name, ApiFamily family, string path, BadInputTarget target, string validBody, string[] optional,
        Dictionary<string, string> columns, (string Name, Func<string, string> Body)[]? extra = null, bool anyContentType = false)
    {
        var valid = JsonNode.Parse(validBody)!.ToJsonString();
        var cases = BodyCases(valid)
            .Where(c => !anyContentType || !c.Name.StartsWith("valid JSON ", StringComparison.Ordinal))
            .Concat(FieldCases(valid, optional.ToHashSet()))
            .Concat(DisguiseCases(valid))
            .Concat(ColumnCases(valid, columns))
            .Concat((extra ?? []).Select(c => (c.Name, Content: (Func<HttpContent>)(() => JsonText(c.Body(valid))))))
            .Select(c => new BadInputCase(c.Name, _ => c.Content()))
            .ToList();
        return new(name, family, path, target, cases, columns);
    }

    /// <summary>Each text field except the secrets with an invisible or text-direction character inside.</summary>
    private static IEnumerable<(string Name, Func<HttpContent> Content)> DisguiseCases(string valid)
    {
        foreach (var (path, _, text) in Fields(valid).Where(f => f.Kind == JsonValueKind.String && !IsSecret(f.Path)))
        {
            foreach (var (name, character) in DisguisingCharacters)
            {
                var body = WithField(valid, path, JsonSerializer.Serialize($"{text[..1]}{character}{text[1..]}"));
                yield return ($"{path}: {name}", () => JsonText(body));
            }
        }
    }

    /// <summary>Each field that is stored, one character longer than its column (read from the EF model), well-formed otherwise.</summary>
    private static IEnumerable<(string Name, Func<HttpContent> Content)> ColumnCases(string valid, Dictionary<string, string> columns)
    {
        foreach (var (path, column) in columns)
        {
            var length = ColumnLimits.MaxLength(column) + 1;
            var body = WithField(valid, path, JsonSerializer.Serialize(ColumnLimits.WellFormedValue(column, length)));
            yield return ($"{path}: longer than {column} ({length} characters)", () => JsonText(body));
        }
    }

    private static bool IsSecret(string path) => path.Split('.')[^1] is "password" or "token";

    /// <summary>Bodies that are wrong as a whole: not JSON, not an object, too deep, too big, or not declared as JSON.</summary>
    private static IEnumerable<(string Name, Func<HttpContent> Content)> BodyCases(string valid)
    {
        var firstField = Fields(valid).First().Path;
        var firstText = Fields(valid).First(f => f.Kind == JsonValueKind.String).Path;
        var oversized = WithField(valid, firstText, JsonSerializer.Serialize(new string('x', OversizedBytes)));

        yield return ("empty body", () => JsonText(""));
        yield return ("whitespace body", () => JsonText(" \r\n\t "));
        yield return ("null", () => JsonText("null"));
        yield return ("empty array", () => JsonText("[]"));
        yield return ("array holding a valid body", () => JsonText($"[{valid}]"));
        yield return ("string", () => JsonText("\"text\""));
        yield return ("number", () => JsonText("42"));
        yield return ("boolean", () => JsonText("true"));
        yield return ("not JSON", () => JsonText("not json"));
        yield return ("truncated JSON", () => JsonText(valid[..(valid.Length / 2)]));
        yield return ("single-quoted JSON", () => JsonText(valid.Replace('"', '\'')));
        yield return ("trailing comma", () => JsonText(valid[..^1] + ",}"));
        yield return ("comment", () => JsonText("/* comment */" + valid));
        yield return ("NaN", () => JsonText(WithField(valid, firstField, "NaN")));
        yield return ("raw control character in a string", () => JsonText(WithField(valid, firstText, "\"a\u0001b\"")));
        yield return ("invalid UTF-8 in a string", () => JsonBytes(InvalidUtf8(WithField(valid, firstText, $"\"{Placeholder}\""))));
        yield return ("unpaired low surrogate escape", () => JsonText(WithField(valid, firstText, "\"\\udfff\"")));
        yield return ($"arrays nested {NestingDepth} deep", () => JsonText(NestedArrays()));
        yield return ($"objects nested {NestingDepth} deep", () => JsonText(string.Concat(Enumerable.Repeat("{\"a\":", NestingDepth)) + "1" + new string('}', NestingDepth)));
        yield return ($"field nested {NestingDepth} deep", () => JsonText(WithField(valid, firstField, NestedArrays())));
        yield return ("200 KB with Content-Length", () => JsonText(oversized));
        yield return ("200 KB chunked", () => Chunked(oversized));
        yield return ("valid JSON as text/plain", () => new StringContent(valid, Encoding.UTF8, "text/plain"));
        yield return ("valid JSON without Content-Type", () => new ByteArrayContent(Encoding.UTF8.GetBytes(valid)));
        yield return ("form instead of JSON", () => new FormUrlEncodedContent(new Dictionary<string, string> { ["a"] = "b" }));
    }

    /// <summary>The valid body with one field spoilt: null, mistyped, control characters, an unpaired surrogate, out-of-range numbers.</summary>
    private static IEnumerable<(string Name, Func<HttpContent> Content)> FieldCases(string valid, IReadOnlySet<string> optional)
    {
        foreach (var (path, kind, text) in Fields(valid))
        {
            foreach (var (mutation, raw) in Mutations(kind, optional.Contains(path)))
            {
                var body = WithField(valid, path, raw(text));
                yield return ($"{path}: {mutation}", () => JsonText(body));
            }
        }
    }

    /// <summary>Ways to spoil a field of this kind; each turns the field's valid text into raw JSON.</summary>
    private static IEnumerable<(string Name, Func<string, string> Raw)> Mutations(JsonValueKind kind, bool optional)
    {
        if (!optional)
        {
            yield return ("null", _ => "null");
        }
        var wrongType = kind switch
        {
            JsonValueKind.String => "12345",
            JsonValueKind.Number => "\"12\"",
            JsonValueKind.True or JsonValueKind.False => "\"yes\"",
            _ => "\"text\"",
        };
        yield return ("wrong type", _ => wrongType);
        if (kind == JsonValueKind.String)
        {
            yield return ("control characters", text => JsonSerializer.Serialize(text + "\u0007\u0000"));
            yield return ("unpaired surrogate", text => JsonSerializer.Serialize(text)[..^1] + "\\ud800\"");
        }
        if (kind == JsonValueKind.Number)
        {
            foreach (var number in new[] { "1e400", "99999999999999999999999", "-1", "-99999999999999999999999", "1.5" })
            {
                yield return (number, _ => number);
            }
        }
    }

    /// <summary>The token endpoint takes a form whose assertion is a signed JWT: spoil the form, the JWT, and each signed claim.</summary>
    private static IEnumerable<BadInputCase> TokenEndpointCases()
    {
        const string grant = "urn:ietf:params:oauth:grant-type:jwt-bearer";
        var oversized = $"grant_type={Uri.EscapeDataString(grant)}&assertion={new string('x', OversizedBytes)}";

        yield return new("empty form", _ => Form(""));
        yield return new("grant_type missing", key => Form($"assertion={ValidAssertion(key)}"));
        yield return new("assertion missing", _ => Form($"grant_type={Uri.EscapeDataString(grant)}"));
        yield return new("assertion empty", _ => Form($"grant_type={Uri.EscapeDataString(grant)}&assertion="));
        yield return new("grant_type password", key => Form($"grant_type=password&assertion={ValidAssertion(key)}"));
        yield return new("grant_type twice", key => Form($"grant_type={Uri.EscapeDataString(grant)}&grant_type=x&assertion={ValidAssertion(key)}"));
        yield return new("grant_type with control characters", key => Form($"grant_type={Uri.EscapeDataString(grant)}%07%00&assertion={ValidAssertion(key)}"));
        yield return new("assertion with control characters", key => Form($"grant_type={Uri.EscapeDataString(grant)}&assertion={ValidAssertion(key)}%07%00"));
        yield return new("assertion as invalid UTF-8", _ => Form($"grant_type={Uri.EscapeDataString(grant)}&assertion=%FF%FE"));
        yield return new("assertion as an encoded surrogate", _ => Form($"grant_type={Uri.EscapeDataString(grant)}&assertion=%ED%A0%80"));
        yield return new("malformed percent-encoding", _ => Form("grant_type=%zz&assertion=%"));
        yield return new("raw invalid UTF-8", _ => new ByteArrayContent(InvalidUtf8($"grant_type={Placeholder}&assertion={Placeholder}"))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") },
        });
        yield return new("assertion not a JWT", _ => Form($"grant_type={Uri.EscapeDataString(grant)}&assertion=not-a-jwt"));
        yield return new("assertion with invalid base64url", _ => Form($"grant_type={Uri.EscapeDataString(grant)}&assertion=!!!.@@@.%23%23%23"));
        yield return new("assertion with an array header", key => Form($"grant_type={Uri.EscapeDataString(grant)}&assertion={Unsigned("[]", Payload(key))}"));
        yield return new($"assertion header nested {NestingDepth} deep", key => Form($"grant_type={Uri.EscapeDataString(grant)}&assertion={Unsigned(NestedArrays(), Payload(key))}"));
        yield return new("assertion without signature", key => Form($"grant_type={Uri.EscapeDataString(grant)}&assertion={Unsigned(Header(key), Payload(key))}"));
        yield return new("200 KB with Content-Length", _ => Form(oversized));
        yield return new("200 KB chunked", _ => Chunked(oversized, "application/x-www-form-urlencoded"));
        yield return new("JSON instead of a form", key => JsonText(JsonSerializer.Serialize(new Dictionary<string, string> { ["grant_type"] = grant, ["assertion"] = ValidAssertion(key) })));

        var template = MachineKeyFile.FromBase64(Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"type":"serviceaccount","keyId":"1","key":"","expirationDate":"","userId":"1"}""")));
        foreach (var (part, build) in new (string, Func<MachineKeyFile, string>)[] { ("header", Header), ("claims", Payload) })
        {
            foreach (var (path, kind, _) in Fields(build(template)))
            {
                var mutations = Mutations(kind, optional: false).Append(($"nested {NestingDepth} deep", _ => NestedArrays()));
                foreach (var (mutation, raw) in mutations)
                {
                    yield return new($"{part} {path}: {mutation}", key =>
                    {
                        var spoilt = WithField(build(key), path, raw(Fields(build(key)).Single(f => f.Path == path).Text));
                        var (header, payload) = part == "header" ? (spoilt, Payload(key)) : (Header(key), spoilt);
                        return Form($"grant_type={Uri.EscapeDataString(grant)}&assertion={Signed(key, header, payload)}");
                    });
                }
            }
        }
    }

    private static string Header(MachineKeyFile key) => JsonSerializer.Serialize(new { alg = "RS256", kid = key.KeyId });

    private static string Payload(MachineKeyFile key)
    {
        var now = DateTimeOffset.UtcNow;
        return JsonSerializer.Serialize(new
        {
            iss = key.UserId,
            sub = key.UserId,
            aud = Issuer,
            iat = now.ToUnixTimeSeconds(),
            exp = now.AddMinutes(5).ToUnixTimeSeconds(),
        });
    }

    private static string ValidAssertion(MachineKeyFile key) => Signed(key, Header(key), Payload(key));

    private static string Signed(MachineKeyFile key, string header, string payload)
    {
        var unsigned = Unsigned(header, payload);
        using var rsa = RSA.Create();
        rsa.ImportFromPem(key.Key);
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(unsigned), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{unsigned}.{Base64Url.EncodeToString(signature)}";
    }

    private static string Unsigned(string header, string payload) =>
        $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}";

    /// <summary>Every property at any depth, by dotted path, with its kind and (for strings) its text.</summary>
    private static List<(string Path, JsonValueKind Kind, string Text)> Fields(string json)
    {
        var fields = new List<(string, JsonValueKind, string)>();
        Walk(JsonNode.Parse(json)!.AsObject(), "");
        return fields;

        void Walk(JsonObject node, string prefix)
        {
            foreach (var (name, value) in node)
            {
                var kind = value!.GetValueKind();
                fields.Add(($"{prefix}{name}", kind, kind == JsonValueKind.String ? value.GetValue<string>() : ""));
                if (value is JsonObject child)
                {
                    Walk(child, $"{prefix}{name}.");
                }
            }
        }
    }

    /// <summary><paramref name="json"/> with the property at <paramref name="path"/> set to raw JSON text, which may be invalid.</summary>
    private static string WithField(string json, string path, string raw)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var segments = path.Split('.');
        var parent = segments[..^1].Aggregate(root, (node, segment) => node[segment]!.AsObject());
        parent[segments[^1]] = Placeholder;
        return root.ToJsonString().Replace($"\"{Placeholder}\"", raw);
    }

    private static string NestedArrays() => new string('[', NestingDepth) + new string(']', NestingDepth);

    /// <summary>UTF-8 of <paramref name="text"/> with every placeholder replaced by bytes that are not UTF-8.</summary>
    private static byte[] InvalidUtf8(string text) =>
        Encoding.UTF8.GetBytes(text.Replace(Placeholder, "\u0001")).SelectMany(b => b == 0x01 ? new byte[] { 0xC3, 0x28, 0xFF } : [b]).ToArray();

    private static HttpContent JsonText(string json) => JsonBytes(Encoding.UTF8.GetBytes(json));

    private static HttpContent JsonBytes(byte[] json) => new ByteArrayContent(json)
    {
        Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
    };

    private static HttpContent Form(string body) => new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");

    /// <summary>A body whose length is not known up front, so it is sent without Content-Length.</summary>
    private static HttpContent Chunked(string body, string contentType = "application/json") => new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(body)))
    {
        Headers = { ContentType = new MediaTypeHeaderValue(contentType) },
    };

    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
