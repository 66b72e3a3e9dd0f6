using WozoSubsidies.EventStore;

namespace WozoSubsidies.Audit.Invoer;

/// <summary>Turns events in log order into each stream's events in version order. The two usually agree, but not always:
/// a transaction that waited for a stream's lock appends the next version at its own (lower) transaction position. So an
/// event that arrives early waits here until the versions before it have come; memory holds only those few.</summary>
public sealed class StroomVolgorde
{
    private readonly Dictionary<string, Stroom> _stromen = new(StringComparer.Ordinal);
    private readonly List<RawEvent> _klaar = [];

    public int Stromen => _stromen.Count;

    /// <summary>The events that are now next in their stream, in version order (often just <paramref name="e"/>).
    /// The list is reused by the next call.</summary>
    public IReadOnlyList<RawEvent> Voeg(RawEvent e)
    {
        _klaar.Clear();
        if (!_stromen.TryGetValue(e.StreamId, out var stroom))
        {
            stroom = new Stroom();
            _stromen.Add(e.StreamId, stroom);
        }
        if (e.StreamVersion < stroom.Volgende || !stroom.Wachtend.TryAdd(e.StreamVersion, e))
        {
            throw new OngeldigeExportException($"Stream {e.StreamId} heeft versie {e.StreamVersion} twee keer (positie {e.Position}).");
        }
        while (stroom.Wachtend.Remove(stroom.Volgende, out var volgende))
        {
            _klaar.Add(volgende);
            stroom.Volgende++;
        }
        return _klaar;
    }

    /// <summary>Streams that still wait for a version at the end of the log: that event is missing.
    /// Per stream the missing version and the first event after the gap.</summary>
    public IEnumerable<(string StreamId, long OntbrekendeVersie, RawEvent EersteNaGat)> Gaten() =>
        _stromen.Where(s => s.Value.Wachtend.Count > 0)
            .Select(s => (s.Key, s.Value.Volgende, s.Value.Wachtend.First().Value));

    private sealed class Stroom
    {
        public long Volgende { get; set; } = 1;

        public SortedDictionary<long, RawEvent> Wachtend { get; } = [];
    }
}
