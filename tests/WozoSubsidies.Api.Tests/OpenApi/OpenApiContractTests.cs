using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WozoSubsidies.Api.Infrastructure.OpenApi;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regels;
using Xunit.Abstractions;

namespace WozoSubsidies.Api.Tests.OpenApi;

/// <summary>The OpenAPI document as the applicant portal and the REST clients consume it (issue 4 item 6): it lints clean
/// with Redocly's recommended rules, a client generated from it compiles with <c>tsc --strict</c>, and it describes every
/// route of the contract with a name, summary, problem responses and the bearer scheme. CI runs only
/// <c>dotnet test</c>, so the Node tools run from here (see OpenApi/tooling/README.md).</summary>
public sealed partial class OpenApiContractTests(ApiFixture api, ITestOutputHelper output) : IClassFixture<ApiFixture>
{
    /// <summary>Routes of ../shared/API.md (the REST contract). Those the app serves must be in the document.</summary>
    private static readonly string[] ContractRoutes =
    [
        "GET /api/regelingen", "GET /api/regelingen/{code}", "POST /api/regelingen", "PUT /api/regelingen/{code}/regels",
        "GET /api/regelingen/{code}/tijdvakken", "POST /api/regelingen/{code}/tijdvakken", "GET /api/tijdvakken/{id}",
        "PUT /api/tijdvakken/{id}/budgetplafond", "POST /api/tijdvakken/{id}/sluiting", "POST /api/tijdvakken/{id}/herverdeling",
        "POST /api/aanvragen", "GET /api/aanvragen", "GET /api/aanvragen/{id}", "GET /api/aanvragen/{id}/historie",
        "POST /api/aanvragen/{id}/intrekken", "POST /api/aanvragen/{id}/aanvullingsverzoek", "POST /api/aanvragen/{id}/aanvulling",
        "POST /api/aanvragen/{id}/beoordeling", "POST /api/aanvragen/{id}/toekenning", "POST /api/aanvragen/{id}/afwijzing",
        "POST /api/besluiten/{id}/goedkeuring", "POST /api/aanvragen/{id}/voorschotten", "POST /api/aanvragen/{id}/verantwoording",
        "POST /api/aanvragen/{id}/vaststelling", "POST /api/aanvragen/{id}/toekenning/intrekking", "POST /api/aanvragen/{id}/bezwaren",
        "POST /api/bezwaren/{id}/beslissing", "GET /api/rapportages/benutting", "GET /api/rapportages/benutting.svg",
        "GET /api/audit/streams/{streamId}", "GET /api/audit/events", "GET /api/audit/verificatie",
        "POST /api/audit/projecties/{naam}/herbouw", "GET /api/audit/projecties/{naam}/herbouw", "GET /api/jobs",
        "POST /api/jobs/{naam}/uitvoering", "GET /health/live", "GET /health/ready",
    ];

    // Rules whose warnings mean a defect in what the document filters produce (an example that does not match its
    // schema, a oneOf a client cannot tell apart): these fail the test although Redocly only warns.
    private static readonly string[] StrictRules = ["no-invalid-media-type-examples", "no-invalid-schema-examples", "no-illogical-composition-keywords"];

    [Fact]
    public async Task The_document_lints_clean_and_a_generated_typescript_client_compiles_strictly()
    {
        var work = Directory.CreateTempSubdirectory("wozo-openapi-");
        try
        {
            var document = Path.Combine(work.FullName, "swagger.json");
            await File.WriteAllTextAsync(document, await api.Anonymous().GetStringAsync("/swagger/v1/swagger.json"));

            var install = await NodeTooling.EnsureInstalledAsync();
            output.WriteLine(install.Ran ? $"npm ci: {install.Duration.TotalSeconds:F1} s" : $"npm ci skipped: {install.Output}");

            var lint = await NodeTooling.NpxAsync("redocly", "lint", document, "--config", Path.Combine(NodeTooling.Folder, "redocly.yaml"), "--format", "stylish");
            output.WriteLine($"redocly lint ({lint.Duration.TotalSeconds:F1} s, exit {lint.ExitCode}):\n{lint.Output}");
            Assert.True(lint.ExitCode == 0, $"redocly lint found errors (exit {lint.ExitCode}):\n{lint.Output}");
            var strict = lint.Output.Split('\n').Where(l => StrictRules.Any(r => l.Contains(r, StringComparison.Ordinal))).ToList();
            Assert.True(strict.Count == 0, "redocly lint warns about examples or oneOf schemas the filters produce:\n" + string.Join('\n', strict));

            var client = Path.Combine(work.FullName, "client");
            var generate = await NodeTooling.NpxAsync("openapi-ts", "-i", document, "-o", client);
            output.WriteLine($"openapi-ts ({generate.Duration.TotalSeconds:F1} s, exit {generate.ExitCode})");
            Assert.True(generate.ExitCode == 0, $"@hey-api/openapi-ts could not generate a client (exit {generate.ExitCode}):\n{generate.Output}");
            Assert.True(File.Exists(Path.Combine(client, "types.gen.ts")), $"no types.gen.ts in {client}:\n{generate.Output}");

            var tsconfig = Path.Combine(work.FullName, "tsconfig.json");
            await File.WriteAllTextAsync(tsconfig, JsonSerializer.Serialize(new
            {
                extends = Path.Combine(NodeTooling.Folder, "tsconfig.base.json"),
                include = new[] { Path.Combine(client, "**", "*.ts") },
            }));
            var compile = await NodeTooling.NpxAsync("tsc", "--strict", "--noEmit", "-p", tsconfig);
            output.WriteLine($"tsc --strict ({compile.Duration.TotalSeconds:F1} s, exit {compile.ExitCode})");
            Assert.True(compile.ExitCode == 0, $"the generated client does not compile with tsc --strict (exit {compile.ExitCode}):\n{compile.Output}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Every_contract_route_the_app_serves_is_described_with_name_summary_tags_and_problem_responses()
    {
        var doc = await DocumentAsync();
        var operations = Operations(doc).ToDictionary(o => o.Key, o => o.Operation);
        var served = ServedRoutes();
        var missing = new List<string>();
        foreach (var route in ContractRoutes.Select(Normalize))
        {
            if (!served.Contains(route))
            {
                output.WriteLine($"not (yet) served: {route}");
                continue;
            }
            if (!operations.TryGetValue(route, out var operation))
            {
                missing.Add(route);
                continue;
            }
            Assert.False(string.IsNullOrWhiteSpace(Text(operation, "operationId")), $"{route} has no operationId (.WithName)");
            Assert.False(string.IsNullOrWhiteSpace(Text(operation, "summary")), $"{route} has no summary (.WithSummary)");
            if (route.Contains(" /api/", StringComparison.Ordinal))
            {
                Assert.True(ProblemResponses(operation).Any(s => s.StartsWith('4')), $"{route} has no 4xx problem response");
            }
        }
        Assert.True(missing.Count == 0, "served but not in the OpenAPI document: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Every_operation_has_a_unique_name_a_summary_tags_a_2xx_and_api_operations_a_4xx_problem()
    {
        var doc = await DocumentAsync();
        var all = Operations(doc).ToList();
        Assert.NotEmpty(all);
        foreach (var (key, operation) in all)
        {
            Assert.False(string.IsNullOrWhiteSpace(Text(operation, "operationId")), $"{key} has no operationId (.WithName)");
            Assert.False(string.IsNullOrWhiteSpace(Text(operation, "summary")), $"{key} has no summary (.WithSummary)");
            Assert.True(operation.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0, $"{key} has no tags (.WithTags)");
            var statuses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            Assert.True(statuses.Any(s => s.StartsWith('2')), $"{key} has no 2xx response");
            if (key.Contains(" /api/", StringComparison.Ordinal))
            {
                Assert.True(ProblemResponses(operation).Any(s => s.StartsWith('4')), $"{key} has no 4xx problem response");
            }
        }
        var duplicates = all.GroupBy(o => Text(o.Operation, "operationId")).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "operationIds must be unique: " + string.Join(", ", duplicates));
    }

    [Fact]
    public async Task Every_error_response_is_a_problem_with_the_shared_Probleem_schema()
    {
        var doc = await DocumentAsync();
        var probleem = doc.GetProperty("components").GetProperty("schemas").GetProperty("Probleem");
        Assert.Equal(["code", "status", "title", "type"], probleem.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
        var properties = probleem.GetProperty("properties");
        foreach (var name in new[] { "type", "title", "status", "detail", "instance", "code", "correlationId", "errors", "overtredingen" })
        {
            Assert.True(properties.TryGetProperty(name, out _), $"Probleem has no {name}");
        }
        Assert.Equal("array", properties.GetProperty("errors").GetProperty("additionalProperties").GetProperty("type").GetString());
        var overtreding = doc.GetProperty("components").GetProperty("schemas").GetProperty("ProbleemOvertreding").GetProperty("properties");
        Assert.Equal(["code", "melding", "veld"], overtreding.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        foreach (var (key, operation) in Operations(doc).Where(o => o.Key.Contains(" /api/", StringComparison.Ordinal)))
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                var content = response.Value.GetProperty("content");
                Assert.Equal(["application/problem+json"], content.EnumerateObject().Select(c => c.Name));
                Assert.Equal("#/components/schemas/Probleem",
                    content.GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
                Assert.False(string.IsNullOrWhiteSpace(response.Value.GetProperty("description").GetString()), $"{key} {response.Name} has no description");
            }
        }
    }

    [Fact]
    public async Task The_bearer_scheme_guards_every_api_operation_and_not_the_health_probes()
    {
        var doc = await DocumentAsync();
        var bearer = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.Equal("JWT", bearer.GetProperty("bearerFormat").GetString());
        Assert.False(doc.TryGetProperty("security", out _), "security belongs on the operations, not on the whole document");

        var all = Operations(doc).ToList();
        Assert.Contains(all, o => o.Key == "GET /health/live");
        Assert.Contains(all, o => o.Key == "GET /health/ready");
        foreach (var (key, operation) in all)
        {
            var schemes = operation.TryGetProperty("security", out var security)
                ? security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList()
                : null;
            if (key.Contains(" /api/", StringComparison.Ordinal))
            {
                Assert.True(schemes is ["bearer"], $"{key} must require the bearer scheme");
                Assert.Contains(operation.GetProperty("responses").EnumerateObject(), r => r.Name == "401");
            }
            else if (key.Contains(" /health/", StringComparison.Ordinal))
            {
                Assert.True(schemes is [], $"{key} must say explicitly that it needs no token (security: [])");
            }
        }
    }

    [Fact]
    public async Task Money_is_an_exact_decimal_dates_are_dates_and_enums_are_strings()
    {
        var doc = await DocumentAsync();
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var numbers = new List<string>();
        var enums = new List<string>();
        foreach (var (path, schema) in AllSchemas(schemas, "#/components/schemas"))
        {
            var type = schema.TryGetProperty("type", out var t) ? t.GetString() : null;
            var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
            if (type == "number" && format != "decimal")
            {
                numbers.Add($"{path} ({format})");
            }
            if (schema.TryGetProperty("enum", out _) && type != "string")
            {
                enums.Add(path);
            }
        }
        Assert.True(numbers.Count == 0, "numbers must be decimals (never a float): " + string.Join(", ", numbers));
        Assert.True(enums.Count == 0, "enums must be strings: " + string.Join(", ", enums));

        // DateOnly is yyyy-MM-dd (format date), DateTimeOffset ISO 8601 (format date-time); both are strings.
        var formats = AllSchemas(schemas, "#/components/schemas")
            .Select(s => (s.Path, Type: Text(s.Schema, "type"), Format: s.Schema.TryGetProperty("format", out var f) ? f.GetString() : null))
            .Where(s => s.Format is "date" or "date-time").ToList();
        Assert.Contains(formats, s => s.Format == "date");
        Assert.Contains(formats, s => s.Format == "date-time");
        Assert.All(formats, s => Assert.True(s.Type == "string", $"{s.Path} is a {s.Format} but not a string"));
    }

    [Fact]
    public async Task The_gegevens_of_an_aanvraag_are_one_of_the_seven_regelingen_with_a_valid_example_each()
    {
        var doc = await DocumentAsync();
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var expected = RegelingCodes.Alle.Select(c => "#/components/schemas/" + RegelingCalculators.GegevensType(c).Name).ToList();

        // The per-regeling schemas: generated from the domain types, with the discriminator and an example.
        foreach (var code in RegelingCodes.Alle)
        {
            var schema = schemas.GetProperty(RegelingCalculators.GegevensType(code).Name);
            Assert.Contains("regeling", schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(code, schema.GetProperty("properties").GetProperty("regeling").GetProperty("enum")[0].GetString());
            var example = schema.GetProperty("example");
            Assert.True(Geldig(code, example), $"the example of {code} is not valid for the standard parameters: {example}");
        }

        // The response side: AanvraagGegevens is polymorphic on "regeling".
        var polymorf = schemas.GetProperty("AanvraagGegevens");
        Assert.Equal(expected, polymorf.GetProperty("oneOf").EnumerateArray().Select(r => r.GetProperty("$ref").GetString()));
        Assert.Equal("regeling", polymorf.GetProperty("discriminator").GetProperty("propertyName").GetString());

        // The request side, once POST /api/aanvragen exists: the JsonElement `gegevens` becomes the same oneOf, with one
        // named example per regeling on the request body.
        if (!doc.GetProperty("paths").TryGetProperty("/api/aanvragen", out var aanvragen) || !aanvragen.TryGetProperty("post", out var post))
        {
            output.WriteLine("POST /api/aanvragen is not served yet; request-side checks skipped");
            return;
        }
        var body = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        var verzoek = schemas.GetProperty(body.GetProperty("schema").GetProperty("$ref").GetString()!.Split('/')[^1]);
        var gegevens = verzoek.GetProperty("properties").GetProperty("gegevens");
        Assert.Equal(expected, gegevens.GetProperty("oneOf").EnumerateArray().Select(r => r.GetProperty("$ref").GetString()));
        Assert.Contains("gegevens", verzoek.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var examples = body.GetProperty("examples");
        Assert.Equal(RegelingCodes.Alle, examples.EnumerateObject().Select(e => e.Name));
        foreach (var example in examples.EnumerateObject())
        {
            var value = example.Value.GetProperty("value");
            Assert.Equal(example.Name, value.GetProperty("regeling").GetString());
            Assert.True(Geldig(example.Name, value.GetProperty("gegevens")), $"the request example {example.Name} is not valid: {value}");
        }
    }

    [Fact]
    public async Task Operations_that_create_or_change_by_version_document_their_headers()
    {
        var doc = await DocumentAsync();
        foreach (var (key, operation) in Operations(doc))
        {
            var responses = operation.GetProperty("responses");
            var headers = operation.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString()).ToList()
                : [];
            if (key.StartsWith("POST ", StringComparison.Ordinal) && responses.TryGetProperty("201", out _))
            {
                Assert.True(headers.Contains("Idempotency-Key"), $"{key} creates, so it accepts Idempotency-Key");
            }
            if (responses.TryGetProperty("412", out _))
            {
                Assert.True(headers.Contains("If-Match"), $"{key} can answer 412, so it accepts If-Match");
            }
        }
    }

    private async Task<JsonElement> DocumentAsync() =>
        JsonDocument.Parse(await api.Anonymous().GetStringAsync("/swagger/v1/swagger.json")).RootElement;

    private HashSet<string> ServedRoutes()
    {
        var served = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in api.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                served.Add(Normalize($"{method} /{endpoint.RoutePattern.RawText?.TrimStart('/')}"));
            }
        }
        return served;
    }

    private static IEnumerable<(string Key, JsonElement Operation)> Operations(JsonElement doc)
    {
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Name != "parameters"))
            {
                yield return (Normalize($"{operation.Name.ToUpperInvariant()} {path.Name}"), operation.Value);
            }
        }
    }

    private static IEnumerable<string> ProblemResponses(JsonElement operation) =>
        operation.GetProperty("responses").EnumerateObject()
            .Where(r => r.Value.TryGetProperty("content", out var c) && c.TryGetProperty("application/problem+json", out _))
            .Select(r => r.Name);

    // "GET /api/aanvragen/{id:guid}" and "GET /api/aanvragen/{id}" are the same route.
    private static string Normalize(string route) => Parameter().Replace(route.Split('?')[0].TrimEnd('/'), "{}");

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();

    private static string? Text(JsonElement element, string name) => element.TryGetProperty(name, out var v) ? v.GetString() : null;

    private static (string?, string?) TypeAndFormat(JsonElement schema) => (Text(schema, "type"), Text(schema, "format"));

    /// <summary>Every component schema and every schema nested in one (properties, items, compositions).</summary>
    private static IEnumerable<(string Path, JsonElement Schema)> AllSchemas(JsonElement components, string path) =>
        components.EnumerateObject().SelectMany(c => Nested(c.Value, $"{path}/{c.Name}"));

    private static IEnumerable<(string Path, JsonElement Schema)> Nested(JsonElement schema, string path)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }
        yield return (path, schema);
        var children = new List<(string, JsonElement)>();
        if (schema.TryGetProperty("properties", out var properties))
        {
            children.AddRange(properties.EnumerateObject().Select(p => ($"{path}/properties/{p.Name}", p.Value)));
        }
        foreach (var single in new[] { "items", "additionalProperties", "not" })
        {
            if (schema.TryGetProperty(single, out var child))
            {
                children.Add(($"{path}/{single}", child));
            }
        }
        foreach (var list in new[] { "allOf", "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(list, out var items))
            {
                children.AddRange(items.EnumerateArray().Select((c, i) => ($"{path}/{list}/{i}", c)));
            }
        }
        foreach (var (childPath, child) in children)
        {
            foreach (var nested in Nested(child, childPath))
            {
                yield return nested;
            }
        }
    }

    private static bool Geldig(string code, JsonElement gegevens)
    {
        var vandaag = Amsterdam.Dag(DateTimeOffset.UtcNow);
        var voorbeeld = AanvraagVoorbeelden.Voor(code, vandaag);
        return RegelingCalculators.Voor(code).Beoordeel(RegelsJson.LeesGegevens(code, gegevens),
            new AanvraagContext(vandaag, voorbeeld.AanvragerType, RegelingCalculators.StandaardParameters(code), TijdvakRegels.Geen)).Voldoet;
    }
}
