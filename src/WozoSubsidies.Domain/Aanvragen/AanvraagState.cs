using System.Collections.Immutable;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Aanvragen;

/// <summary>The state of one aanvraag, folded from its events by <see cref="Aanvraag.Evolve"/>. Immutable: every
/// event gives a new state. Read models may use it, but the API's views are projections.</summary>
public sealed record AanvraagState
{
    /// <summary>Before the first event.</summary>
    public static AanvraagState Begin { get; } = new();

    public Guid AanvraagId { get; init; }

    public AanvraagStatus Status { get; init; } = AanvraagStatus.Nieuw;

    public string RegelingCode { get; init; } = "";

    public Guid TijdvakId { get; init; }

    public Aanvrager? Aanvrager { get; init; }

    public AanvraagGegevens? Gegevens { get; init; }

    /// <summary>The rules version the aanvraag was judged by (decisions record it too).</summary>
    public int RegelsVersie { get; init; }

    public decimal AangevraagdBedrag { get; init; }

    /// <summary>The first receipt: the beslistermijn runs from here (Awb 4:13).</summary>
    public DateTimeOffset IngediendOp { get; init; }

    /// <summary>The moment the aanvraag became complete (submission, or the aanvulling that completed it): its
    /// place in the order of receipt (LIFECYCLE.md "Volgorde van binnenkomst").</summary>
    public DateTimeOffset CompleetOntvangenOp { get; init; }

    /// <summary>The amount this aanvraag holds on the tijdvak's budget while undecided; 0 without a place.</summary>
    public decimal Beslag { get; init; }

    public int? WachtlijstPositie { get; init; }

    /// <summary>Where a wachtlijst aanvraag returns to when it gets a place (Ingediend or InBehandeling).</summary>
    public AanvraagStatus StatusVoorWachtlijst { get; init; } = AanvraagStatus.Ingediend;

    public OpenAanvulling? Aanvulling { get; init; }

    public ImmutableList<Opschorting> Opschortingen { get; init; } = [];

    public int BeslistermijnWeken { get; init; } = Aanvraag.StandaardBeslistermijnWeken;

    /// <summary>Weeks added by the one extension Awb 4:14 allows; null when not extended.</summary>
    public int? VerlengingWeken { get; init; }

    public AanvraagBeoordeling? Beoordeling { get; init; }

    public OpenBesluit? OpenBesluit { get; init; }

    /// <summary>Every besluit that took effect, oldest first.</summary>
    public ImmutableList<Besluit> Besluiten { get; init; } = [];

    public ImmutableList<Bezwaar> Bezwaren { get; init; } = [];

    public decimal Toegekend { get; init; }

    public ImmutableList<Voorschot> Voorschotten { get; init; } = [];

    public Verantwoording? Verantwoording { get; init; }

    public decimal? Vastgesteld { get; init; }

    /// <summary>The total reclaimed so far (Awb 4:57).</summary>
    public decimal Teruggevorderd { get; init; }

    public decimal BetaaldeVoorschotten => Voorschotten.Sum(v => v.Bedrag);

    /// <summary>What the aanvrager holds of the payments: voorschotten minus what was reclaimed.</summary>
    public decimal NettoBetaald => BetaaldeVoorschotten - Teruggevorderd;

    public bool HeeftPlaats => Beslag > 0m;

    /// <summary>Waiting for a place: complete and undecided, neither placed nor on the wachtlijst (the day's settlement,
    /// or for a tender tijdvak the ranking, decides it).</summary>
    public bool WachtOpPlaatsing =>
        Status is AanvraagStatus.Ingediend or AanvraagStatus.InBehandeling
        && !HeeftPlaats && WachtlijstPositie is null;

    /// <summary>No decision on the aanvraag yet (LIFECYCLE.md: the aanvrager may withdraw, the beslistermijn runs).</summary>
    public bool IsOnbeslist =>
        Status is AanvraagStatus.Ingediend or AanvraagStatus.OpWachtlijst or AanvraagStatus.InBehandeling or AanvraagStatus.AanvullingGevraagd;
}
