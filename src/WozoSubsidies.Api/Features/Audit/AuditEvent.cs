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
        // UTF-8 throughout, names encoded once: per event the writer would otherwise transcode and escape-check every
        // name and the hash from UTF-16 (a tenth of the export's CPU in the API, docs/benchmarks.md, phase h).
        Span<byte> hash = stackalloc byte[2 * 64];
        if (!Convert.TryToHexStringLower(e.Hash, hash, out var hashLength))
        {
            throw new InvalidOperationException($"Event {e.EventId} has a hash of {e.Hash.Length} bytes.");
        }
        writer.WriteStartObject();
        writer.WriteNumber(Namen.Positie, e.Position);
        writer.WriteString(Namen.StreamId, e.StreamId);
        writer.WriteNumber(Namen.Versie, e.StreamVersion);
        writer.WriteString(Namen.EventId, e.EventId);
        writer.WriteString(Namen.Type, e.EventType);
        writer.WritePropertyName(Namen.Data);
        writer.WriteRawValue(e.Data, skipInputValidation: true);
        writer.WritePropertyName(Namen.Metadata);
        writer.WriteRawValue(e.Metadata, skipInputValidation: true);
        writer.WriteString(Namen.VastgelegdOp, e.RecordedAt);
        writer.WriteString(Namen.Hash, hash[..hashLength]);
        writer.WriteEndObject();
    }

    private static class Namen
    {
        public static readonly JsonEncodedText Positie = JsonEncodedText.Encode("positie");
        public static readonly JsonEncodedText StreamId = JsonEncodedText.Encode("streamId");
        public static readonly JsonEncodedText Versie = JsonEncodedText.Encode("versie");
        public static readonly JsonEncodedText EventId = JsonEncodedText.Encode("eventId");
        public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
        public static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
        public static readonly JsonEncodedText Metadata = JsonEncodedText.Encode("metadata");
        public static readonly JsonEncodedText VastgelegdOp = JsonEncodedText.Encode("vastgelegdOp");
        public static readonly JsonEncodedText Hash = JsonEncodedText.Encode("hash");
    }
}
