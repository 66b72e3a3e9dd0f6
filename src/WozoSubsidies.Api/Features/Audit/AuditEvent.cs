using System.Text.Json;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Api.Features.Audit;

/// <summary>One event as an auditor sees it: exactly as stored, with its metadata and hash.</summary>
/// <param name="Positie">Global position in commit-safe order (increasing, not contiguous).</param>
/// <param name="Type">The stable stored name, e.g. aanvraag-ingediend.v1.</param>
/// <param name="Data">The event as stored (PostgreSQL's canonical jsonb text, which the hash covers).</param>
/// <param name="Hash">SHA-256 over the previous hash in the stream and this event's content, hex.</param>
public sealed record AuditEvent(
    long Positie,
    string StreamId,
    long Versie,
    Guid EventId,
    string Type,
    JsonElement Data,
    JsonElement Metadata,
    DateTimeOffset VastgelegdOp,
    string Hash)
{
    public static AuditEvent From(RawEvent e) => new(
        e.Position, e.StreamId, e.StreamVersion, e.EventId, e.EventType,
        JsonDocument.Parse(e.Data).RootElement.Clone(),
        JsonDocument.Parse(e.Metadata).RootElement.Clone(),
        e.RecordedAt, Convert.ToHexStringLower(e.Hash));

    /// <summary>Writes one NDJSON line of the export from a view on its copy buffer (<see cref="LogCopy"/>), without
    /// building objects: data and metadata go out as their stored text, byte for byte, so the hash can be checked from the export.</summary>
    public static void WriteLine(Utf8JsonWriter writer, in RawEventView e)
    {
        Span<char> hash = stackalloc char[2 * 64];
        if (!Convert.TryToHexStringLower(e.Hash, hash, out var hashLength))
        {
            throw new InvalidOperationException($"Event {e.EventId} has a hash of {e.Hash.Length} bytes.");
        }
        writer.WriteStartObject();
        writer.WriteNumber("positie", e.Position);
        writer.WriteString("streamId", e.StreamId);
        writer.WriteNumber("versie", e.StreamVersion);
        writer.WriteString("eventId", e.EventId);
        writer.WriteString("type", e.EventType);
        writer.WritePropertyName("data");
        writer.WriteRawValue(e.Data, skipInputValidation: true);
        writer.WritePropertyName("metadata");
        writer.WriteRawValue(e.Metadata, skipInputValidation: true);
        writer.WriteString("vastgelegdOp", e.RecordedAt);
        writer.WriteString("hash", hash[..hashLength]);
        writer.WriteEndObject();
    }
}
