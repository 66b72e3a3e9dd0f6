using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WozoSubsidies.Domain.Regels;

/// <summary>JSON of gegevens and parameters. Property names are pinned with [JsonPropertyName] (camelCase, the API
/// contract and the stored events), so they come out the same under any <see cref="JsonSerializerOptions"/>.</summary>
public static class RegelsJson
{
    /// <summary>Options that read what the API and the event store write: web defaults, string enums, nullable
    /// annotations respected (a null `woonvorm` is a shape error, not a rule violation), and the "regeling"
    /// discriminator accepted anywhere in the object: PostgreSQL jsonb reorders keys (shortest first), so a
    /// stored `gegevens` rarely starts with it.</summary>
    public static JsonSerializerOptions Opties { get; } = MaakOpties();

    /// <summary>Reads an API `gegevens` object (without discriminator) as the type of <paramref name="regelingCode"/>.
    /// A "regeling" property inside it, if present, must name the same regeling.</summary>
    /// <exception cref="ArgumentException">Unknown regeling code.</exception>
    /// <exception cref="JsonException">The object does not have the shape of that regeling's gegevens (a 400 in the API).</exception>
    public static AanvraagGegevens LeesGegevens(string regelingCode, JsonElement gegevens, JsonSerializerOptions? opties = null) =>
        (AanvraagGegevens)Lees(regelingCode, gegevens, RegelingCalculators.GegevensType(regelingCode), opties);

    /// <summary>Reads a parameters object (with or without discriminator) as the type of <paramref name="regelingCode"/>.</summary>
    /// <exception cref="ArgumentException">Unknown regeling code.</exception>
    /// <exception cref="JsonException">Wrong shape.</exception>
    public static RegelParameters LeesParameters(string regelingCode, JsonElement parameters, JsonSerializerOptions? opties = null) =>
        (RegelParameters)Lees(regelingCode, parameters, RegelingCalculators.ParametersType(regelingCode), opties);

    private static object Lees(string regelingCode, JsonElement element, Type eigenType, JsonSerializerOptions? opties)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Verwacht een object voor regeling {regelingCode}, niet {element.ValueKind}.");
        }

        var metDiscriminator = element.TryGetProperty("regeling", out var regeling);
        if (metDiscriminator && (regeling.ValueKind != JsonValueKind.String || regeling.GetString() != regelingCode))
        {
            throw new JsonException($"Het object hoort bij regeling {regeling}, niet bij {regelingCode}.");
        }

        // The discriminator is checked above and then left out, so the sealed type reads the rest under any options:
        // also options that refuse unknown members, or that want metadata first (jsonb puts keys shortest first).
        object? gelezen;
        if (metDiscriminator)
        {
            var zonder = JsonObject.Create(element)!;
            zonder.Remove("regeling");
            gelezen = zonder.Deserialize(eigenType, opties ?? Opties);
        }
        else
        {
            gelezen = element.Deserialize(eigenType, opties ?? Opties);
        }

        return gelezen ?? throw new JsonException($"Verwacht een object voor regeling {regelingCode}, niet null.");
    }

    private static JsonSerializerOptions MaakOpties()
    {
        var opties = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            RespectNullableAnnotations = true,
            AllowOutOfOrderMetadataProperties = true,
        };
        opties.Converters.Add(new JsonStringEnumConverter());
        opties.MakeReadOnly(populateMissingResolver: true);
        return opties;
    }
}
