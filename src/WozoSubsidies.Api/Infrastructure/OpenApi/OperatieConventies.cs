using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using WozoSubsidies.Api.Infrastructure.Idempotency;

namespace WozoSubsidies.Api.Infrastructure.OpenApi;

/// <summary>The bearer scheme on every operation under /api (and on any other that requires authorization), and an
/// explicit empty requirement on the rest (the health probes), so a client sends a token exactly where one is needed.</summary>
public sealed class BearerBeveiligingFilter : IOperationFilter
{
    public const string Schema = "bearer";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata ?? [];
        var onderApi = (context.ApiDescription.RelativePath ?? "").StartsWith("api/", StringComparison.OrdinalIgnoreCase);
        var beveiligd = (onderApi || metadata.OfType<IAuthorizeData>().Any()) && !metadata.OfType<IAllowAnonymous>().Any();
        operation.Security = beveiligd
            ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Schema, context.Document)] = [] }]
            : [];
    }
}

/// <summary>The headers of API.md's conventions, derived from what an operation declares:
/// a creating POST (201) accepts <c>Idempotency-Key</c>; an operation that can answer 412 accepts <c>If-Match</c>
/// and returns the new version as <c>ETag</c>.</summary>
public sealed class HeaderConventiesFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var responses = operation.Responses ?? [];
        var methode = context.ApiDescription.HttpMethod ?? "";
        if (methode.Equals("POST", StringComparison.OrdinalIgnoreCase) && responses.ContainsKey("201"))
        {
            VoegToe(operation, IdempotencyFilter.Header,
                "Optioneel, hoogstens 200 tekens. Dezelfde sleutel met hetzelfde verzoek geeft het eerste antwoord opnieuw en maakt niets "
                + "nieuws aan; dezelfde sleutel met een ander verzoek is 422.",
                new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 });
        }
        if (responses.ContainsKey("412"))
        {
            VoegToe(operation, "If-Match",
                "Optioneel: de ETag (versie) die u las, bijvoorbeeld \"3\". Is de versie intussen veranderd, dan is het antwoord 412.",
                new OpenApiSchema { Type = JsonSchemaType.String });
            foreach (var (status, antwoord) in responses)
            {
                if (status.StartsWith('2') && antwoord is OpenApiResponse r)
                {
                    r.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    r.Headers.TryAdd("ETag", new OpenApiHeader
                    {
                        Description = "De nieuwe versie, om mee te sturen als If-Match.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    });
                }
            }
        }
    }

    private static void VoegToe(OpenApiOperation operation, string naam, string beschrijving, OpenApiSchema schema)
    {
        operation.Parameters ??= [];
        if (operation.Parameters.Any(p => p.In == ParameterLocation.Header && string.Equals(p.Name, naam, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }
        operation.Parameters.Add(new OpenApiParameter { Name = naam, In = ParameterLocation.Header, Required = false, Description = beschrijving, Schema = schema });
    }
}
