using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace WozoSubsidies.Api.Infrastructure.OpenApi;

/// <summary>What the operation filters cannot see: the health probes (health-check endpoints are not in the API
/// explorer), descriptions of the tags, and the framework's problem schemas once nothing refers to them any more.</summary>
public sealed class DocumentAfwerking(EndpointDataSource endpoints) : IDocumentFilter
{
    public const string GezondheidsrapportId = "Gezondheidsrapport";

    /// <summary>The tags of API.md's resources. A new tag without a line here is a lint warning (tag-description).</summary>
    public static IReadOnlyDictionary<string, string> TagOmschrijvingen { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Regelingen"] = "De catalogus: regelingen, hun regelversies en hun tijdvakken plannen (beheerder).",
        ["Tijdvakken"] = "Aanvraagtijdvakken met hun budgetplafond, sluiting en herverdeling.",
        ["Aanvragen"] = "Een aanvraag van indiening via beoordeling en besluit tot vaststelling, bezwaar en intrekking.",
        ["Besluiten"] = "Besluiten die wachten op goedkeuring door een tweede behandelaar (vier ogen).",
        ["Bezwaren"] = "Bezwaren tegen besluiten en de beslissing daarop.",
        ["Rapportages"] = "Benutting van budgetten per regeling en tijdvak, als JSON, CSV of grafiek.",
        ["Audit"] = "Het eventlog voor auditors: streams, het globale log en de controle van de hashketen.",
        ["Projecties"] = "Leesmodellen opnieuw opbouwen uit het log.",
        ["Jobs"] = "Geplande taken: wanneer zij draaien, hoe het ging, en nu uitvoeren.",
        ["Gezondheid"] = "Liveness en readiness voor de load balancer en het platform; zonder token.",
    };

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        swaggerDoc.Paths ??= [];
        swaggerDoc.Components ??= new OpenApiComponents();
        swaggerDoc.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        VoegGezondheidToe(swaggerDoc);

        var gebruikt = swaggerDoc.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).OfType<string>()
            .Concat(swaggerDoc.Tags?.Select(t => t.Name).OfType<string>() ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        swaggerDoc.Tags = new HashSet<OpenApiTag>(gebruikt.Select(naam => new OpenApiTag
        {
            Name = naam,
            Description = TagOmschrijvingen.GetValueOrDefault(naam),
        }));

        VerwijderOngebruikt(swaggerDoc, "HttpValidationProblemDetails");
        VerwijderOngebruikt(swaggerDoc, "ProblemDetails");
    }

    private void VoegGezondheidToe(OpenApiDocument document)
    {
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var pad = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (!pad.StartsWith("/health/", StringComparison.Ordinal) || document.Paths.ContainsKey(pad))
            {
                continue;
            }
            var operatie = new OpenApiOperation
            {
                OperationId = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName,
                Summary = endpoint.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary,
                Description = endpoint.Metadata.GetMetadata<IEndpointDescriptionMetadata>()?.Description,
                Tags = new HashSet<OpenApiTagReference>(
                    (endpoint.Metadata.GetMetadata<ITagsMetadata>()?.Tags ?? ["Gezondheid"]).Select(t => new OpenApiTagReference(t, document))),
                Security = [],
                Responses = new OpenApiResponses
                {
                    ["200"] = Rapport(document, "Gezond.", "Healthy", pad),
                    ["503"] = Rapport(document, "Niet gezond: het platform stuurt geen verkeer naar deze node.", "Unhealthy", pad),
                },
            };
            var item = new OpenApiPathItem();
            item.AddOperation(HttpMethod.Get, operatie);
            document.Paths.Add(pad, item);
        }
    }

    private static OpenApiResponse Rapport(OpenApiDocument document, string beschrijving, string status, string pad)
    {
        document.Components!.Schemas!.TryAdd(GezondheidsrapportId, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "De uitkomst van de health checks.",
            Required = new SortedSet<string>(StringComparer.Ordinal) { "checks", "status" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["status"] = Status(),
                ["checks"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Per check (bijvoorbeeld database) de uitkomst.",
                    AdditionalProperties = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new SortedSet<string>(StringComparer.Ordinal) { "status" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["status"] = Status(),
                            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                        },
                    },
                },
            },
        });
        return new OpenApiResponse
        {
            Description = beschrijving,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/json"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchemaReference(GezondheidsrapportId, document),
                    Example = new JsonObject
                    {
                        ["status"] = status,
                        // Liveness runs no checks; readiness checks the database.
                        ["checks"] = pad.EndsWith("/live", StringComparison.Ordinal)
                            ? new JsonObject()
                            : new JsonObject { ["database"] = new JsonObject { ["status"] = status } },
                    },
                },
            },
        };
    }

    private static OpenApiSchema Status() => new()
    {
        Type = JsonSchemaType.String,
        Enum = [JsonValue.Create("Healthy"), JsonValue.Create("Degraded"), JsonValue.Create("Unhealthy")],
    };

    private static void VerwijderOngebruikt(OpenApiDocument document, string id)
    {
        var schemas = document.Components!.Schemas!;
        if (!schemas.ContainsKey(id))
        {
            return;
        }
        var verwijzingen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (naam, schema) in schemas)
        {
            if (naam != id)
            {
                Verzamel(schema, verwijzingen, []);
            }
        }
        foreach (var operatie in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            var media = (operatie.Responses?.Values.SelectMany(r => r.Content?.Values ?? []) ?? [])
                .Concat(operatie.RequestBody?.Content?.Values ?? []);
            foreach (var m in media)
            {
                Verzamel(m.Schema, verwijzingen, []);
            }
            foreach (var p in operatie.Parameters ?? [])
            {
                Verzamel(p.Schema, verwijzingen, []);
            }
        }
        if (!verwijzingen.Contains(id))
        {
            schemas.Remove(id);
        }
    }

    private static void Verzamel(IOpenApiSchema? schema, HashSet<string> verwijzingen, HashSet<IOpenApiSchema> gezien)
    {
        if (schema is null || !gezien.Add(schema))
        {
            return;
        }
        if (schema is OpenApiSchemaReference r)
        {
            if (r.Reference?.Id is { } id)
            {
                verwijzingen.Add(id);
            }
            return;
        }
        foreach (var deel in (schema.Properties?.Values ?? []).Concat(schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? [])
            .Append(schema.Items).Append(schema.AdditionalProperties).Append(schema.Not))
        {
            Verzamel(deel, verwijzingen, gezien);
        }
    }
}
