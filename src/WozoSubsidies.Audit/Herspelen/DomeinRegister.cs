using System.Text.Json;
using System.Text.Json.Serialization;
using WozoSubsidies.Domain;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Audit.Herspelen;

/// <summary>Every domain event under its stored name, read with the JSON conventions the service writes them with
/// (the contract in API.md: camelCase, enums as strings, nulls left out). Kept here because the tool does not reference the API.</summary>
public static class DomeinRegister
{
    public static JsonSerializerOptions JsonOpties { get; } = MaakOpties();

    public static EventTypeRegistry Maak()
    {
        var registry = new EventTypeRegistry(JsonOpties);
        foreach (var (type, naam) in DomeinEvents.Alle)
        {
            registry.Register(type, naam);
        }
        return registry;
    }

    private static JsonSerializerOptions MaakOpties()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // jsonb keeps keys in its own order, so a polymorphic discriminator is rarely first.
            AllowOutOfOrderMetadataProperties = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
