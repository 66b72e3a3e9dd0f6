using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Tijdvakken;

/// <summary>A command to the stream <c>tijdvak-{TijdvakId}</c>. <c>Nu</c> comes from the API's TimeProvider.</summary>
public abstract record TijdvakCommand(Guid TijdvakId, DateTimeOffset Nu, Actor Door);

/// <param name="Opent">First day (inclusive, Europe/Amsterdam).</param>
/// <param name="Sluit">Last day (inclusive): the tijdvak closes at the end of this Dutch day.</param>
/// <param name="Plafond">Null = "not stated" (SZGW tranche 2): it must be set before the tijdvak opens.</param>
/// <param name="Uitnodigingen">KvK numbers or OINs that may apply; empty = anyone (Reablement ronde 1: invitation only, 001:535).</param>
/// <param name="HerverdelingOp">Optional configured date (LIFECYCLE.md jobs "herverdeling": "or at its configured date"): from
/// then the unspent budget of the closed tijdvak moves even if not all aanvragen are decided. Not before <paramref name="Sluit"/>.</param>
public sealed record TijdvakPlannen(
    Guid TijdvakId,
    string RegelingCode,
    string Naam,
    DateOnly Opent,
    DateOnly Sluit,
    decimal? Plafond,
    Verdeelmethode Verdeelmethode,
    TijdvakRegels Regels,
    IReadOnlyList<string> Uitnodigingen,
    DateTimeOffset Nu,
    Actor Door,
    DateOnly? HerverdelingOp = null) : TijdvakCommand(TijdvakId, Nu, Door);

/// <summary>The "tijdvak openen" job, at the open moment. A second run is a no-op.</summary>
public sealed record TijdvakOpenen(Guid TijdvakId, DateTimeOffset Nu, Actor Door) : TijdvakCommand(TijdvakId, Nu, Door);

/// <summary>Day <paramref name="Dag"/> is over: place the aanvragen completed on it (docs/domain-boundary.md).
/// Idempotent per aanvraag id: an aanvraag already placed, waiting or decided is skipped.</summary>
public sealed record DagAfsluiten(
    Guid TijdvakId,
    DateOnly Dag,
    IReadOnlyList<Ontvangst> Ontvangsten,
    long LotingSeed,
    DateTimeOffset Nu,
    Actor Door) : TijdvakCommand(TijdvakId, Nu, Door);

/// <summary>The "tijdvak sluiten" job at the end of the close date; first settles every day not yet settled.
/// <paramref name="Vervroegd"/>: a beheerder closes it now, before its close date (API.md "close now"), for example
/// when the plafond is exhausted; the event records that it closed early.</summary>
public sealed record TijdvakSluiten(
    Guid TijdvakId,
    IReadOnlyList<DagOntvangsten> OnafgeslotenDagen,
    DateTimeOffset Nu,
    Actor Door,
    bool Vervroegd = false) : TijdvakCommand(TijdvakId, Nu, Door);

/// <summary>A toekenning took effect: the aanvraag's beslag becomes toegekend for <paramref name="Bedrag"/> (≤ beslag);
/// the difference is freed and moves the wachtlijst up.</summary>
public sealed record ToekenningBoeken(Guid TijdvakId, Guid AanvraagId, decimal Bedrag, DateTimeOffset Nu, Actor Door)
    : TijdvakCommand(TijdvakId, Nu, Door);

/// <summary>The aanvraag gives up its beslag or its place on the wachtlijst.</summary>
public sealed record BeslagVrijgeven(Guid TijdvakId, Guid AanvraagId, VrijgaveReden Reden, DateTimeOffset Nu, Actor Door)
    : TijdvakCommand(TijdvakId, Nu, Door);

/// <summary>Lowers a granted amount TO <paramref name="Bedrag"/> (0 = full intrekking). The new amount, not the difference,
/// so a retry is a no-op.</summary>
public sealed record ToegekendVerlagen(Guid TijdvakId, Guid AanvraagId, decimal Bedrag, VerlagingReden Reden, DateTimeOffset Nu, Actor Door)
    : TijdvakCommand(TijdvakId, Nu, Door);

/// <summary>A beheerder sets the plafond to <paramref name="Bedrag"/> (SZGW tranche 1: €75m → €90m, 001:1878).</summary>
public sealed record BudgetplafondWijzigen(Guid TijdvakId, decimal Bedrag, string Reden, DateTimeOffset Nu, Actor Door)
    : TijdvakCommand(TijdvakId, Nu, Door);

/// <summary>Tender: all aanvragen of the closed tijdvak are assessed; grant in score order until the plafond.</summary>
public sealed record Rangschikken(Guid TijdvakId, IReadOnlyList<Beoordeelde> Beoordeelden, DateTimeOffset Nu, Actor Door)
    : TijdvakCommand(TijdvakId, Nu, Door);

/// <summary>Every aanvraag of the closed tijdvak is decided (the handler knows none is pending elsewhere):
/// whatever is still on the wachtlijst is refused (Awb 4:25 lid 2).</summary>
public sealed record DefinitiefVerklaren(Guid TijdvakId, DateTimeOffset Nu, Actor Door) : TijdvakCommand(TijdvakId, Nu, Door);

/// <summary>Herverdeling out: unspent budget leaves the tijdvak (lowers the plafond). <paramref name="HerverdelingId"/>
/// makes a second run of the job a no-op and ties it to the <see cref="BudgetInboeken"/> on the receiving side.</summary>
public sealed record BudgetOverboeken(Guid TijdvakId, Guid HerverdelingId, Budgetrekening Bestemming, decimal Bedrag, DateTimeOffset Nu, Actor Door)
    : TijdvakCommand(TijdvakId, Nu, Door);

/// <summary>Herverdeling in: budget from elsewhere raises the plafond (IOC: carry-over from the previous ronde).</summary>
public sealed record BudgetInboeken(Guid TijdvakId, Guid HerverdelingId, Budgetrekening Bron, decimal Bedrag, DateTimeOffset Nu, Actor Door)
    : TijdvakCommand(TijdvakId, Nu, Door);
