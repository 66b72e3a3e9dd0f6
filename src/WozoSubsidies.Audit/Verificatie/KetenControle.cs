using System.Security.Cryptography;
using WozoSubsidies.Audit.Invoer;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Audit.Verificatie;

/// <summary>One event that does not match its chain.</summary>
/// <param name="Reden">What differs, in words an auditor can act on.</param>
public sealed record KetenAfwijking(string StreamId, long Versie, long Positie, Guid EventId, string Reden);

public sealed record KetenUitkomst(long Events, int Stromen, int StromenMetAfwijking, KetenAfwijking? EersteAfwijking, IReadOnlyList<KetenAfwijking> Afwijkingen)
{
    public bool Ok => EersteAfwijking is null;

    /// <summary>This outcome with more afwijkingen (from another check of the same log), the earliest first.</summary>
    public KetenUitkomst Met(IReadOnlyList<KetenAfwijking> meer)
    {
        if (meer.Count == 0)
        {
            return this;
        }
        var alle = Afwijkingen.Concat(meer).OrderBy(a => a.Positie).ToList();
        return this with { Afwijkingen = alle, EersteAfwijking = alle[0], StromenMetAfwijking = alle.Select(a => a.StreamId).Distinct().Count() };
    }
}

/// <summary>Recomputes every stream's hash chain from events in log order, with the store's own definition
/// (<see cref="EventHashing"/>: SHA-256 over the previous hash and the event's content). Per stream it keeps only the
/// last hash, so a log of any size is checked in memory proportional to the number of streams.
/// The first afwijking is the earliest one in the log (lowest position), as the service's own check names it.</summary>
public sealed class KetenControle
{
    private readonly StroomVolgorde _volgorde = new();
    private readonly Dictionary<string, byte[]?> _laatsteHash = new(StringComparer.Ordinal);
    private readonly List<KetenAfwijking> _afwijkingen = [];
    private long _events;

    public void Voeg(RawEvent e)
    {
        _events++;
        foreach (var volgende in _volgorde.Voeg(e))
        {
            Controleer(volgende);
        }
    }

    public KetenUitkomst Uitkomst()
    {
        foreach (var (streamId, versie, naGat) in _volgorde.Gaten())
        {
            if (!_laatsteHash.TryGetValue(streamId, out var vorige) || vorige is not null)
            {
                _afwijkingen.Add(new KetenAfwijking(streamId, naGat.StreamVersion, naGat.Position, naGat.EventId,
                    $"versie {naGat.StreamVersion} volgt op versie {versie - 1}: het event met versie {versie} ontbreekt"));
            }
        }
        var eerste = _afwijkingen.MinBy(a => a.Positie);
        return new KetenUitkomst(_events, _volgorde.Stromen, _afwijkingen.Select(a => a.StreamId).Distinct().Count(), eerste,
            _afwijkingen.OrderBy(a => a.Positie).ToList());
    }

    private void Controleer(RawEvent e)
    {
        // A stream with an afwijking is marked with a null hash: what follows cannot be checked against it.
        if (_laatsteHash.TryGetValue(e.StreamId, out var vorige) && vorige is null)
        {
            return;
        }
        var berekend = EventHashing.Next(vorige, e);
        if (CryptographicOperations.FixedTimeEquals(berekend, e.Hash))
        {
            _laatsteHash[e.StreamId] = berekend;
            return;
        }
        _laatsteHash[e.StreamId] = null;
        var reden = $"de opgeslagen hash {Convert.ToHexStringLower(e.Hash)} past niet bij de inhoud van het event" +
            (vorige is null ? "" : $" en de vorige hash {Convert.ToHexStringLower(vorige)}") +
            $": herberekend is {Convert.ToHexStringLower(berekend)}; data, metadata, type, tijdstip, positie of de hash zelf is veranderd";
        _afwijkingen.Add(new KetenAfwijking(e.StreamId, e.StreamVersion, e.Position, e.EventId, reden));
    }
}
