using System.Collections.Immutable;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Tijdvakken;

/// <summary>One aanvraag as the tijdvak's budget sees it.</summary>
/// <param name="Bedrag">The requested amount it entered with (its claim when placed).</param>
/// <param name="OntvangenOp">The moment of complete receipt that ordered it (a later aanvulling re-enters with a new one).</param>
/// <param name="Beslag">The claim it holds now (only while <see cref="PlaatsStatus.Beslag"/>).</param>
/// <param name="Toegekend">The granted amount now, after any vrijval (only while <see cref="PlaatsStatus.Toegekend"/>).</param>
public sealed record AanvraagInTijdvak(
    Guid AanvraagId,
    PlaatsStatus Status,
    decimal Bedrag,
    DateTimeOffset OntvangenOp,
    decimal Beslag,
    decimal Toegekend);

/// <summary>The state of one tijdvak, folded from its stream. The ledger totals are kept alongside the per-aanvraag
/// amounts so reading them is O(1); the property test checks they always equal the sums.</summary>
public sealed record TijdvakState
{
    public static TijdvakState Begin { get; } = new();

    public TijdvakStatus Status { get; init; } = TijdvakStatus.Nieuw;

    public Guid Id { get; init; }

    public string RegelingCode { get; init; } = "";

    public string Naam { get; init; } = "";

    public DateOnly Opent { get; init; }

    public DateOnly Sluit { get; init; }

    /// <summary>The configured herverdeling date, if any: from then the unspent budget of the closed tijdvak moves
    /// without waiting for every aanvraag to be decided.</summary>
    public DateOnly? HerverdelingOp { get; init; }

    /// <summary>Null until stated (it must be stated before the tijdvak opens).</summary>
    public decimal? Plafond { get; init; }

    public Verdeelmethode Verdeelmethode { get; init; }

    public TijdvakRegels Regels { get; init; } = TijdvakRegels.Geen;

    /// <summary>Empty: anyone may apply. Otherwise only these KvK numbers / OINs.</summary>
    public ImmutableHashSet<string> Uitnodigingen { get; init; } = ImmutableHashSet<string>.Empty;

    public ImmutableDictionary<Guid, AanvraagInTijdvak> Aanvragen { get; init; } = ImmutableDictionary<Guid, AanvraagInTijdvak>.Empty;

    /// <summary>In order: the head is placed first when budget frees up.</summary>
    public ImmutableList<Guid> Wachtlijst { get; init; } = [];

    public ImmutableSortedSet<DateOnly> AfgeslotenDagen { get; init; } = [];

    /// <summary>Sum of the beslag of the aanvragen with status Beslag.</summary>
    public decimal Beslag { get; init; }

    /// <summary>Sum of the current granted amounts (already reduced by vrijval).</summary>
    public decimal Toegekend { get; init; }

    /// <summary>Total vrijval so far: granted amounts that came back (intrekking, lower vaststelling).</summary>
    public decimal Vrijgevallen { get; init; }

    /// <summary>Budget received from a herverdeling (it raised the plafond).</summary>
    public decimal Ontvangen { get; init; }

    /// <summary>Budget moved out by a herverdeling (it lowered the plafond).</summary>
    public decimal Overgeboekt { get; init; }

    /// <summary>Herverdelingen already booked here, so the job can run twice.</summary>
    public ImmutableHashSet<Guid> Herverdelingen { get; init; } = ImmutableHashSet<Guid>.Empty;

    public bool Gerangschikt { get; init; }

    /// <summary>plafond − beslag − toegekend (LIFECYCLE.md "Budget of a tijdvak").</summary>
    public decimal Beschikbaar => (Plafond ?? 0m) - Beslag - Toegekend;
}
