using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Audit.Invoer;

/// <summary>A line of the export that is not an event as GET /api/audit/events writes it.</summary>
public sealed class OngeldigeExportException(string message, Exception? inner = null) : Exception(message, inner)
{
    public OngeldigeExportException() : this("De export is ongeldig.") { }
    public OngeldigeExportException(string message) : this(message, null) { }
}

/// <summary>Reads the NDJSON export (one event per line, in log order) into events exactly as stored: data and metadata
/// keep their stored text byte for byte (JsonElement.GetRawText returns the original slice), so the hash can be rebuilt.</summary>
public static class ExportLezer
{
    public static async IAsyncEnumerable<RawEvent> LeesAsync(Stream stream, Action<long>? gelezenBytes = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        long regel = 0;
        long bytes = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            regel++;
            bytes += Encoding.UTF8.GetByteCount(line) + 1;
            if (line.Length == 0)
            {
                continue;
            }
            yield return Regel(line, regel);
            gelezenBytes?.Invoke(bytes);
        }
    }

    /// <summary>One line of the export as the event it records.</summary>
    public static RawEvent Regel(string line, long regelNummer)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            return new RawEvent(
                e.GetProperty("positie").GetInt64(),
                e.GetProperty("streamId").GetString()!,
                e.GetProperty("versie").GetInt64(),
                e.GetProperty("eventId").GetGuid(),
                e.GetProperty("type").GetString()!,
                e.GetProperty("data").GetRawText(),
                e.GetProperty("metadata").GetRawText(),
                DateTimeOffset.Parse(e.GetProperty("vastgelegdOp").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                Convert.FromHexString(e.GetProperty("hash").GetString()!));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException or NullReferenceException)
        {
            throw new OngeldigeExportException($"Regel {regelNummer} van de export is geen event: {ex.Message}", ex);
        }
    }
}
