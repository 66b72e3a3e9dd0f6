using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WozoSubsidies.EventStore;

/// <summary>The tamper-evidence chain: each event's hash is SHA-256 over the previous event's hash in its stream
/// followed by the event's content. It must produce exactly what <c>eventstore.event_content</c> and
/// <c>eventstore.append</c> compute in SQL (0001_events.sql), so anyone holding an export can check it.</summary>
public static class EventHashing
{
    public static byte[] Content(string streamId, long version, long position, Guid eventId, string type,
        string dataJsonb, string metadataJsonb, DateTimeOffset recordedAt)
    {
        var micros = (recordedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        var text = string.Join('\n',
            streamId,
            version.ToString(CultureInfo.InvariantCulture),
            position.ToString(CultureInfo.InvariantCulture),
            eventId.ToString("D"),
            type,
            dataJsonb,
            metadataJsonb,
            micros.ToString(CultureInfo.InvariantCulture));
        return Encoding.UTF8.GetBytes(text);
    }

    public static byte[] Next(byte[]? previousHash, byte[] content)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (previousHash is not null)
        {
            sha.AppendData(previousHash);
        }
        sha.AppendData(content);
        return sha.GetHashAndReset();
    }

    public static byte[] Next(byte[]? previousHash, RawEvent e) =>
        Next(previousHash, Content(e.StreamId, e.StreamVersion, e.Position, e.EventId, e.EventType, e.Data, e.Metadata, e.RecordedAt));
}

/// <summary>The outcome of checking every hash chain. <see cref="FirstDeviation"/> names the earliest event
/// (lowest position) whose stored hash, version or link does not match what its content gives.</summary>
public sealed record VerificationResult(bool Ok, long EventsChecked, long StreamsChecked, Deviation? FirstDeviation, int StreamsWithDeviation);

public sealed record Deviation(string StreamId, long StreamVersion, long Position, Guid? EventId, string Reason);

/// <summary>Checks hash chains over events given in (stream, version) order. Used by the store and by the auditor's CLI.</summary>
public sealed class ChainVerifier
{
    private string? _stream;
    private byte[]? _previous;
    private long _expectedVersion;
    private bool _streamBroken;
    private readonly Dictionary<string, (long Version, byte[]? LastHash)>? _streamHeads;

    /// <param name="streamHeads">The stored head of each stream (version and last hash), when known: catches a removed last event.</param>
    public ChainVerifier(Dictionary<string, (long Version, byte[]? LastHash)>? streamHeads = null) => _streamHeads = streamHeads;

    public long EventsChecked { get; private set; }
    public long StreamsChecked { get; private set; }
    public int StreamsWithDeviation { get; private set; }
    public Deviation? FirstDeviation { get; private set; }

    public void Add(RawEvent e)
    {
        if (e.StreamId != _stream)
        {
            FinishStream();
            _stream = e.StreamId;
            _previous = null;
            _expectedVersion = 1;
            _streamBroken = false;
            StreamsChecked++;
        }
        EventsChecked++;
        if (_streamBroken)
        {
            return;
        }
        if (e.StreamVersion != _expectedVersion)
        {
            Report(new Deviation(e.StreamId, e.StreamVersion, e.Position, e.EventId,
                $"version {e.StreamVersion} where {_expectedVersion} was expected: an event is missing"));
            return;
        }
        var computed = EventHashing.Next(_previous, e);
        if (!CryptographicOperations.FixedTimeEquals(computed, e.Hash))
        {
            Report(new Deviation(e.StreamId, e.StreamVersion, e.Position, e.EventId,
                "the stored hash does not match the event's content and the previous hash"));
            return;
        }
        _previous = computed;
        _expectedVersion++;
    }

    public VerificationResult Finish()
    {
        FinishStream();
        if (_streamHeads is not null)
        {
            // Streams whose events are all gone.
            foreach (var (streamId, head) in _streamHeads.Where(h => h.Value.Version > 0))
            {
                _streamBroken = false;
                Report(new Deviation(streamId, 1, long.MaxValue, null, $"the stream records {head.Version} events but none are stored"));
            }
            _streamHeads.Clear();
        }
        return new VerificationResult(FirstDeviation is null, EventsChecked, StreamsChecked, FirstDeviation, StreamsWithDeviation);
    }

    private void FinishStream()
    {
        if (_stream is null || _streamHeads is null)
        {
            return;
        }
        if (_streamHeads.Remove(_stream, out var head) && !_streamBroken)
        {
            var seen = _expectedVersion - 1;
            if (head.Version != seen || (head.LastHash is not null && _previous is not null && !head.LastHash.AsSpan().SequenceEqual(_previous)))
            {
                Report(new Deviation(_stream, seen + 1, long.MaxValue, null,
                    $"the stream records version {head.Version} but its chain ends at {seen}: an event at the end is missing or replaced"));
            }
        }
    }

    private void Report(Deviation deviation)
    {
        if (!_streamBroken)
        {
            StreamsWithDeviation++;
        }
        _streamBroken = true;
        if (FirstDeviation is null || deviation.Position < FirstDeviation.Position)
        {
            FirstDeviation = deviation;
        }
    }
}
