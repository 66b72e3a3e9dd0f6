using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using WozoSubsidies.Api.Infrastructure.Problems;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Api.Infrastructure.OpenApi;

/// <summary>The one schema of every error response: RFC 9457 as <see cref="ProblemSetup"/> and
/// <see cref="WozoExceptionHandler"/> write it.</summary>
public static class ProbleemSchema
{
    public const string Id = "Probleem";
    public const string OvertredingId = "ProbleemOvertreding";
    public const string MediaType = "application/problem+json";

    /// <summary>Registers both schemas once and returns a reference to <see cref="Id"/>.</summary>
    public static OpenApiSchemaReference Referentie(SchemaRepository schemas, OpenApiDocument document)
    {
        if (!schemas.Schemas.ContainsKey(OvertredingId))
        {
            schemas.AddDefinition(OvertredingId, Overtreding());
        }
        if (!schemas.Schemas.ContainsKey(Id))
        {
            schemas.AddDefinition(Id, Probleem(document));
        }
        return new OpenApiSchemaReference(Id, document);
    }

    private static OpenApiSchema Probleem(OpenApiDocument document) => new()
    {
        Type = JsonSchemaType.Object,
        Description = "Een fout volgens RFC 9457 (application/problem+json), met een stabiele machineleesbare `code`. "
            + "Nooit een stacktrace of SQL; noem de `correlationId` als u contact opneemt.",
        Required = new SortedSet<string>(StringComparer.Ordinal) { "code", "status", "title", "type" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Tekst("URI van het soort fout: " + ProblemSetup.TypeBase + "<code>.", "uri"),
            ["title"] = Tekst("Korte Nederlandse omschrijving van het soort fout."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599", Description = "De HTTP-statuscode." },
            ["detail"] = Tekst("Uitleg bij dit geval."),
            ["instance"] = Tekst("Het pad van het verzoek.", "uri-reference"),
            ["code"] = Tekst("Stabiele machineleesbare code, bijvoorbeeld plafond-bereikt, ongeldige-overgang, versie-conflict, niet-gevonden of validatie."),
            ["correlationId"] = Tekst("Hetzelfde als de header X-Correlation-Id; terug te vinden in de logs."),
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Bij code `validatie`: per veld (camelCase-pad) de meldingen.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["overtredingen"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "Bij een aanvraag die niet aan de regels van de regeling voldoet (422): elke overtreden regel.",
                Items = new OpenApiSchemaReference(OvertredingId, document),
            },
        },
    };

    private static OpenApiSchema Overtreding() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "Eén overtreden regel.",
        Required = new SortedSet<string>(StringComparer.Ordinal) { "code", "melding" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["code"] = Tekst("Stabiele code van de regel, bijvoorbeeld iwo-aantal-jongeren."),
            ["melding"] = Tekst("Een Nederlandse zin die de regel noemt."),
            ["veld"] = Tekst("Het camelCase-pad in `gegevens`, als bekend (bijvoorbeeld jongeren[1].geboortedatum)."),
        },
        AdditionalPropertiesAllowed = false,
    };

    private static OpenApiSchema Tekst(string beschrijving, string? format = null) =>
        new() { Type = JsonSchemaType.String, Description = beschrijving, Format = format };

    private const string Melding422 = "Subsidie wordt aangevraagd voor minimaal 2 en maximaal 10 jongeren per geclusterde woonvorm; deze aanvraag noemt er 1.";

    /// <summary>A Dutch description of a problem response.</summary>
    public static string Omschrijving(int status) => status switch
    {
        406 => "Dit mediatype kan niet worden geleverd.",
        422 => "Het verzoek voldoet niet aan de regels (zie overtredingen) of is niet verwerkbaar.",
        428 => "If-Match is vereist.",
        _ when ProblemSetup.TitleFor(status) is var titel && titel != "Fout." => titel,
        _ => ReasonPhrases.GetReasonPhrase(status),
    };

    /// <summary>What a problem of <paramref name="status"/> looks like on the wire.</summary>
    public static JsonObject Voorbeeld(int status, string pad)
    {
        var code = status switch
        {
            400 => "validatie",
            422 => RegelCodes.IwoAantalJongeren, // a rule violation: the code of the first overtreding
            _ => ProblemSetup.CodeFor(status),
        };
        var voorbeeld = new JsonObject
        {
            ["type"] = ProblemSetup.TypeBase + code,
            ["title"] = ProblemSetup.TitleFor(status),
            ["status"] = status,
            ["detail"] = status switch
            {
                400 => "Het verzoek bevat ongeldige velden; zie errors.",
                401 => "Stuur een geldig token mee: Authorization: Bearer <JWT>.",
                403 => "Uw rol mag deze handeling niet uitvoeren.",
                404 => "Dit bestaat niet of is niet zichtbaar voor u.",
                409 => "De handeling past niet bij de huidige toestand.",
                412 => "De versie is nu \"4\", niet \"3\": lees opnieuw en probeer het nog eens.",
                422 => Melding422,
                _ => "Er ging iets mis.",
            },
            ["instance"] = pad,
            ["code"] = code,
            ["correlationId"] = "0f8fad5bd9cb469fa16570867728950e",
        };
        if (status == 400)
        {
            voorbeeld["errors"] = new JsonObject { ["aanvrager.kvkNummer"] = new JsonArray("aanvrager.kvkNummer is een KvK-nummer van 8 cijfers of een OIN van 20 cijfers.") };
        }
        if (status == 422)
        {
            voorbeeld["overtredingen"] = new JsonArray(new JsonObject
            {
                ["code"] = "iwo-aantal-jongeren",
                ["melding"] = Melding422,
                ["veld"] = "jongeren",
            });
        }
        return voorbeeld;
    }
}

/// <summary>Dutch descriptions for every response. Every 4xx and 5xx response is <c>application/problem+json</c> with the
/// <see cref="ProbleemSchema"/> (the framework's ProblemDetails and HttpValidationProblemDetails do not name <c>code</c>)
/// and an example.
/// Responses every such operation can give are added when the endpoint does not declare them: 400 for a body
/// (malformed JSON), 401 and 403 for an endpoint that requires authorization.</summary>
public sealed partial class AntwoordenFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata ?? [];
        var beveiligd = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var metBody = operation.RequestBody is not null || context.ApiDescription.ParameterDescriptions.Any(p => p.Source == BindingSource.Body);
        if (metBody)
        {
            VoegToe(operation, 400);
        }
        if (beveiligd)
        {
            VoegToe(operation, 401);
            VoegToe(operation, 403);
        }

        var pad = "/" + RouteParameter().Replace((context.ApiDescription.RelativePath ?? "").Split('?')[0], m => VoorbeeldWaarde(m.Groups[1].Value, context)).TrimEnd('/');
        foreach (var (sleutel, antwoord) in operation.Responses)
        {
            if (!int.TryParse(sleutel, NumberStyles.None, CultureInfo.InvariantCulture, out var status) || antwoord is not OpenApiResponse r)
            {
                continue;
            }
            if (status < 400)
            {
                if (string.IsNullOrEmpty(r.Description) || r.Description == ReasonPhrases.GetReasonPhrase(status))
                {
                    r.Description = status switch
                    {
                        200 => "Gelukt.",
                        201 => "Aangemaakt; Location wijst naar het nieuwe object.",
                        202 => "Aanvaard; de uitkomst volgt later.",
                        204 => "Gelukt, zonder inhoud.",
                        _ => ReasonPhrases.GetReasonPhrase(status),
                    };
                }
                continue;
            }
            r.Content = new Dictionary<string, IOpenApiMediaType>
            {
                [ProbleemSchema.MediaType] = new OpenApiMediaType
                {
                    Schema = ProbleemSchema.Referentie(context.SchemaRepository, context.Document),
                    Example = ProbleemSchema.Voorbeeld(status, pad),
                },
            };
            if (string.IsNullOrEmpty(r.Description) || r.Description == ReasonPhrases.GetReasonPhrase(status))
            {
                r.Description = ProbleemSchema.Omschrijving(status);
            }
        }

        // Keep the responses in status order, whatever was added.
        var geordend = operation.Responses.OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (sleutel, antwoord) in geordend)
        {
            operation.Responses.Add(sleutel, antwoord);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{([^}:?=]+)[^}]*\}")]
    private static partial System.Text.RegularExpressions.Regex RouteParameter();

    // The example's `instance` is a real path (a URI reference), so route parameters get a plausible value.
    private static string VoorbeeldWaarde(string naam, OperationFilterContext context)
    {
        var type = context.ApiDescription.ParameterDescriptions.FirstOrDefault(p => string.Equals(p.Name, naam, StringComparison.OrdinalIgnoreCase))?.Type;
        return (Nullable.GetUnderlyingType(type ?? typeof(string)) ?? type) switch
        {
            var t when t == typeof(Guid) => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            var t when t == typeof(int) || t == typeof(long) => "1",
            _ when naam.Equals("code", StringComparison.OrdinalIgnoreCase) => RegelingCodes.Iwo,
            _ => "voorbeeld",
        };
    }

    private static void VoegToe(OpenApiOperation operation, int status)
    {
        var sleutel = status.ToString(CultureInfo.InvariantCulture);
        if (!operation.Responses!.ContainsKey(sleutel))
        {
            operation.Responses.Add(sleutel, new OpenApiResponse { Description = ProbleemSchema.Omschrijving(status) });
        }
    }
}
