using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Api.Infrastructure.OpenApi;

/// <summary>Regeling-specific JSON in requests. An endpoint takes it as a <see cref="JsonElement"/> and reads it with
/// <see cref="RegelsJson"/> once it knows the regeling; the document describes it from the domain types instead of as
/// "any". The marker is the property itself, so an endpoint needs no attribute:
/// <list type="bullet">
/// <item>a <see cref="JsonElement"/> property named <c>gegevens</c> is <c>oneOf</c> the seven gegevens schemas
/// (<see cref="RegelingCalculators.GegevensType"/>), and a string <c>regeling</c> beside it lists the known codes;</item>
/// <item>a <see cref="JsonElement"/> property named <c>parameters</c> is <c>oneOf</c> the seven parameter schemas.</item>
/// </list>
/// The object names its regeling in its own <c>regeling</c> field (the discriminator), so a client can tell the seven
/// apart. The document requires it; the service also accepts the object without it, and refuses a mismatch.
/// Every gegevens and parameters schema carries an example that is valid for the standard parameters.</summary>
public sealed class RegelingSchemaFilter(TimeProvider klok) : ISchemaFilter
{
    public const string GegevensVeld = "gegevens";
    public const string ParametersVeld = "parameters";
    public const string RegelingVeld = "regeling";

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema s || context.MemberInfo is not null || context.ParameterInfo is not null)
        {
            return;
        }

        var definitie = RegelingCalculators.AlleDefinities.FirstOrDefault(d => d.GegevensType == context.Type || d.ParametersType == context.Type);
        if (definitie is not null)
        {
            s.Description ??= definitie.GegevensType == context.Type
                ? $"De gegevens van een aanvraag voor {definitie.Code}."
                : $"De parameters van een regelversie van {definitie.Code}.";
            s.Examples =
            [
                definitie.GegevensType == context.Type
                    ? AanvraagVoorbeelden.Voor(definitie.Code, Amsterdam.Dag(klok.GetUtcNow())).Gegevens
                    : AanvraagVoorbeelden.Parameters(definitie.Code),
            ];
            return;
        }

        if (s.Properties is not { Count: > 0 })
        {
            return;
        }
        foreach (var eigenschap in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (eigenschap.PropertyType != typeof(JsonElement) && eigenschap.PropertyType != typeof(JsonElement?))
            {
                continue;
            }
            var naam = JsonNaam(eigenschap);
            if (!s.Properties.ContainsKey(naam))
            {
                continue;
            }
            if (naam == GegevensVeld)
            {
                s.Properties[naam] = OneOf(context, d => d.GegevensType,
                    "De gegevens van de aanvraag: het object van de regeling die `regeling` noemt (zie de voorbeelden per regeling), "
                    + "met dezelfde code in zijn eigen veld `regeling`.");
                if (s.Properties.TryGetValue(RegelingVeld, out var regeling) && regeling is OpenApiSchema { Type: JsonSchemaType.String } codes)
                {
                    codes.Enum = [.. RegelingCodes.Alle.Select(c => (JsonNode)JsonValue.Create(c))];
                    codes.Description ??= "De code van de regeling; bepaalt de vorm van `gegevens`.";
                }
            }
            else if (naam == ParametersVeld)
            {
                s.Properties[naam] = OneOf(context, d => d.ParametersType,
                    "De parameters van de regelversie: het object van de regeling waarvoor zij gelden (bedragen, maxima, toegestane waarden).");
            }
            else
            {
                continue;
            }
            if (eigenschap.PropertyType == typeof(JsonElement))
            {
                s.Required ??= new SortedSet<string>(StringComparer.Ordinal);
                s.Required.Add(naam);
            }
        }
    }

    private static OpenApiSchema OneOf(SchemaFilterContext context, Func<RegelingDefinitie, Type> type, string beschrijving)
    {
        var mapping = RegelingCalculators.AlleDefinities.ToDictionary(
            d => d.Code, d => context.SchemaGenerator.GenerateSchema(type(d), context.SchemaRepository), StringComparer.Ordinal);
        return new OpenApiSchema
        {
            Description = beschrijving,
            OneOf = [.. mapping.Values],
            Discriminator = new OpenApiDiscriminator
            {
                PropertyName = RegelingVeld,
                Mapping = mapping.Where(m => m.Value is OpenApiSchemaReference)
                    .ToDictionary(m => m.Key, m => (OpenApiSchemaReference)m.Value, StringComparer.Ordinal),
            },
        };
    }

    private static string JsonNaam(PropertyInfo eigenschap) =>
        eigenschap.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(eigenschap.Name);
}

/// <summary>Named examples, one per regeling, on the request body of every operation whose body has the
/// <c>gegevens</c> marker (<see cref="RegelingSchemaFilter"/>): <c>POST /api/aanvragen</c> and whatever takes the same shape.</summary>
public sealed class AanvraagVoorbeeldenFilter(TimeProvider klok) : IOperationFilter
{
    private static readonly string[] AanvragerVelden = ["KvkNummer", "Naam", "Type"];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var body = context.ApiDescription.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body)?.Type;
        if (body is null || operation.RequestBody?.Content is not { } content || !HeeftGegevens(body))
        {
            return;
        }
        var metAanvrager = body.GetProperty("Aanvrager") is { } aanvrager
            && AanvragerVelden.All(p => aanvrager.PropertyType.GetProperty(p) is not null);
        foreach (var (mediaType, media) in content)
        {
            if (!mediaType.Contains("json", StringComparison.OrdinalIgnoreCase) || media is not OpenApiMediaType m)
            {
                continue;
            }
            m.Examples = AanvraagVoorbeelden.Alle(Amsterdam.Dag(klok.GetUtcNow())).ToDictionary(
                v => v.Regeling,
                v =>
                {
                    var verzoek = AanvraagVoorbeelden.Verzoek(v);
                    if (!metAanvrager)
                    {
                        verzoek.Remove("aanvrager");
                    }
                    return (IOpenApiExample)new OpenApiExample { Summary = v.Samenvatting, Value = verzoek };
                });
        }
    }

    private static bool HeeftGegevens(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Any(p => (p.PropertyType == typeof(JsonElement) || p.PropertyType == typeof(JsonElement?))
            && string.Equals(p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name, RegelingSchemaFilter.GegevensVeld, StringComparison.OrdinalIgnoreCase));
}
