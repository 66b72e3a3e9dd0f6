using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WozoSubsidies.EventStore;

/// <summary>The one place where event CLR types get their stable, versioned names ("aanvraag-ingediend.v1").
/// A CLR type name is never stored: renaming a class must not break the log. A breaking change to an event
/// registers a new name (".v2") for the type and an upcaster from the old name, so old events read as new.</summary>
public sealed partial class EventTypeRegistry
{
    private readonly Dictionary<string, Type> _typesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _namesByType = [];
    private readonly Dictionary<string, (string To, Func<JsonObject, JsonObject> Upcast)> _upcasters = new(StringComparer.Ordinal);

    public EventTypeRegistry(JsonSerializerOptions serializerOptions)
    {
        SerializerOptions = serializerOptions;
    }

    public JsonSerializerOptions SerializerOptions { get; }

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\.v[1-9][0-9]*$")]
    private static partial Regex NamePattern();

    public EventTypeRegistry Register<T>(string name) => Register(typeof(T), name);

    public EventTypeRegistry Register(Type type, string name)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"Event name '{name}' must be kebab-case with a version suffix, like 'aanvraag-ingediend.v1'.", nameof(name));
        }
        if (_typesByName.TryGetValue(name, out var existing) && existing != type)
        {
            throw new InvalidOperationException($"Event name '{name}' is already registered for {existing.Name}.");
        }
        if (_namesByType.TryGetValue(type, out var existingName) && existingName != name)
        {
            throw new InvalidOperationException($"{type.Name} is already registered as '{existingName}'.");
        }
        _typesByName[name] = type;
        _namesByType[type] = name;
        return this;
    }

    /// <summary>Reads events stored as <paramref name="from"/> as <paramref name="to"/> (which is registered or upcast further).</summary>
    public EventTypeRegistry Upcast(string from, string to, Func<JsonObject, JsonObject> upcast)
    {
        if (!NamePattern().IsMatch(from) || !NamePattern().IsMatch(to))
        {
            throw new ArgumentException("Upcaster names must be versioned event names.");
        }
        _upcasters[from] = (to, upcast);
        return this;
    }

    public string NameOf(Type type) =>
        _namesByType.TryGetValue(type, out var name)
            ? name
            : throw new InvalidOperationException($"{type.Name} has no registered event name.");

    public bool IsKnown(string name) => _typesByName.ContainsKey(name) || _upcasters.ContainsKey(name);

    public string Serialize(object data) => JsonSerializer.Serialize(data, data.GetType(), SerializerOptions);

    public object Deserialize(string name, string json) =>
        Direct(name) is { } type
            ? JsonSerializer.Deserialize(json, type, SerializerOptions) ?? throw NullData(name)
            : Upcast(name, JsonNode.Parse(json));

    /// <summary>The same from the UTF-8 text as stored, without making a string of it first (a projection's read path).</summary>
    public object Deserialize(string name, ReadOnlySpan<byte> utf8Json) =>
        Direct(name) is { } type
            ? JsonSerializer.Deserialize(utf8Json, type, SerializerOptions) ?? throw NullData(name)
            : Upcast(name, JsonNode.Parse(utf8Json));

    // The CLR type when the stored name needs no upcasting; null when it does (or is unknown: Upcast says so).
    private Type? Direct(string name) =>
        _typesByName.TryGetValue(name, out var type) && !_upcasters.ContainsKey(name) ? type : null;

    private static InvalidOperationException NullData(string name) => new($"Event '{name}' has null data.");

    private object Upcast(string name, JsonNode? parsed)
    {
        var node = parsed as JsonObject
                   ?? throw new InvalidOperationException($"Event '{name}' data is not a JSON object.");
        var current = name;
        var hops = 0;
        while (_upcasters.TryGetValue(current, out var step))
        {
            node = step.Upcast(node);
            current = step.To;
            if (++hops > 100)
            {
                throw new InvalidOperationException($"Upcasters from '{name}' form a cycle.");
            }
        }
        if (!_typesByName.TryGetValue(current, out var type))
        {
            throw new InvalidOperationException($"Unknown event type '{name}'.");
        }
        return node.Deserialize(type, SerializerOptions) ?? throw NullData(name);
    }
}
