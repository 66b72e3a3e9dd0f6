using WozoSubsidies.Audit.Invoer;
using WozoSubsidies.Domain.Aanvragen;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Tijdvakken;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Audit.Herspelen;

/// <summary>A tijdvak's budget as the replay computes it, in the service's terms (GET /api/tijdvakken/{id}).</summary>
public sealed record TijdvakStand(Guid Id, string Regeling, string Naam, TijdvakStatus Status, decimal? Plafond, decimal Beslag,
    decimal Toegekend, decimal Vrijgevallen, decimal Beschikbaar, int Wachtlijst, long Versie)
{
    public static TijdvakStand Van(TijdvakState s, long versie) => new(s.Id, s.RegelingCode, s.Naam, s.Status, s.Plafond, s.Beslag,
        s.Toegekend, s.Vrijgevallen, Math.Max(0, s.Beschikbaar), s.Wachtlijst.Count, versie);
}

/// <summary>An aanvraag as the replay computes it, in the service's terms (GET /api/aanvragen/{id} and the list).</summary>
public sealed record AanvraagStand(Guid Id, string Regeling, Guid TijdvakId, AanvraagStatus Status, decimal AangevraagdBedrag, decimal Beslag,
    int? WachtlijstPositie, decimal ToegekendBedrag, decimal? VastgesteldBedrag, decimal Teruggevorderd, int RegelsVersie, long Versie);

/// <summary>Folds the whole log with the domain's own Evolve functions (the same pure code the service decides with), so
/// every tijdvak's plafond, beslag, toegekend and vrijval and every aanvraag's state is recomputed from the events alone.
/// Events arrive in log order; <see cref="StroomVolgorde"/> gives each stream its events in version order.</summary>
public sealed class Herspeler
{
    private readonly EventTypeRegistry _registry = DomeinRegister.Maak();
    private readonly StroomVolgorde _volgorde = new();
    private readonly Dictionary<string, (object State, long Versie)> _stromen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _gebroken = new(StringComparer.Ordinal);
    private readonly List<string> _problemen = [];

    public long Events { get; private set; }

    /// <summary>What the replay could not do: unknown event types, an Evolve that refused an event, missing versions.</summary>
    public IReadOnlyList<string> Problemen => _problemen;

    public void Voeg(RawEvent e)
    {
        Events++;
        foreach (var volgende in _volgorde.Voeg(e))
        {
            Pas(volgende);
        }
    }

    public IReadOnlyList<TijdvakStand> Tijdvakken() => _stromen.Values
        .Where(s => s.State is TijdvakState)
        .Select(s => TijdvakStand.Van((TijdvakState)s.State, s.Versie))
        .OrderBy(t => t.Regeling, StringComparer.Ordinal).ThenBy(t => t.Id).ToList();

    public IReadOnlyList<AanvraagStand> Aanvragen()
    {
        var tijdvakken = _stromen.Values.Select(s => s.State).OfType<TijdvakState>().ToDictionary(t => t.Id);
        return _stromen.Values
            .Where(s => s.State is AanvraagState)
            .Select(s =>
            {
                var a = (AanvraagState)s.State;
                // As the service shows it: the place on the tijdvak's wachtlijst now, else the one the aanvraag recorded.
                var positie = (tijdvakken.TryGetValue(a.TijdvakId, out var t) ? Tijdvak.PositieOpWachtlijst(t, a.AanvraagId) : null) ?? a.WachtlijstPositie;
                return new AanvraagStand(a.AanvraagId, a.RegelingCode, a.TijdvakId, a.Status, a.AangevraagdBedrag, a.Beslag, positie,
                    a.Toegekend, a.Vastgesteld, a.Teruggevorderd, a.RegelsVersie, s.Versie);
            })
            .OrderBy(a => a.Id).ToList();
    }

    /// <summary>Call once the whole log is in: names the streams that miss an event.</summary>
    public void Sluit()
    {
        foreach (var (streamId, versie, naGat) in _volgorde.Gaten())
        {
            _problemen.Add($"{streamId}: het event met versie {versie} ontbreekt; vanaf versie {naGat.StreamVersion} (positie {naGat.Position}) is niet herspeeld");
        }
    }

    private void Pas(RawEvent e)
    {
        if (_gebroken.Contains(e.StreamId))
        {
            return;
        }
        try
        {
            var data = _registry.Deserialize(e.EventType, e.Data);
            _stromen.TryGetValue(e.StreamId, out var huidig);
            object state = data switch
            {
                TijdvakEvent t => Tijdvak.Evolve(huidig.State as TijdvakState ?? TijdvakState.Begin, t),
                AanvraagEvent a => Aanvraag.Evolve(huidig.State as AanvraagState ?? AanvraagState.Begin, a),
                RegelingEvent r => Regeling.Evolve(huidig.State as RegelingState ?? RegelingState.Begin, r),
                _ => throw new InvalidOperationException($"{e.EventType} hoort bij geen regeling, tijdvak of aanvraag"),
            };
            _stromen[e.StreamId] = (state, e.StreamVersion);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Text.Json.JsonException or ArgumentException or NotSupportedException)
        {
            _gebroken.Add(e.StreamId);
            _problemen.Add($"{e.StreamId} versie {e.StreamVersion} (positie {e.Position}, event {e.EventId}, {e.EventType}): niet herspeelbaar: {ex.Message}");
        }
    }
}
