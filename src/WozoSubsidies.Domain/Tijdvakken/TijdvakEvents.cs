using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Tijdvakken;

/// <summary>An event on a tijdvak stream; <c>Op</c> is the command's <c>Nu</c>, <c>Door</c> who gave it.
/// Events that concern aanvragen carry their ids, so the handler turns them into Aanvraag commands in the same transaction.</summary>
public abstract record TijdvakEvent(Guid TijdvakId, DateTimeOffset Op, Actor Door) : IDomeinEvent;

/// <param name="HerverdelingOp">Trailing and optional so events stored before it existed still read (as "no date").</param>
public sealed record TijdvakGepland(
    Guid TijdvakId,
    string RegelingCode,
    string Naam,
    DateOnly Opent,
    DateOnly Sluit,
    decimal? Plafond,
    Verdeelmethode Verdeelmethode,
    TijdvakRegels Regels,
    IReadOnlyList<string> Uitnodigingen,
    DateTimeOffset Op,
    Actor Door,
    DateOnly? HerverdelingOp = null) : TijdvakEvent(TijdvakId, Op, Door);

public sealed record TijdvakGeopend(Guid TijdvakId, decimal Plafond, DateTimeOffset Op, Actor Door) : TijdvakEvent(TijdvakId, Op, Door);

/// <summary>Day <see cref="Dag"/> settled. <see cref="Ontvangsten"/> are the aanvragen newly considered, in (OntvangenOp, AanvraagId) order;
/// <see cref="Loting"/> is set when they did not all fit and there were two or more: then its Volgorde is the order of placement.</summary>
public sealed record DagAfgesloten(
    Guid TijdvakId,
    DateOnly Dag,
    IReadOnlyList<Ontvangst> Ontvangsten,
    LotingUitslag? Loting,
    IReadOnlyList<Plaatsing> Plaatsingen,
    IReadOnlyList<WachtlijstPlaatsing> OpWachtlijst,
    decimal BeschikbaarVoor,
    decimal BeschikbaarNa,
    string Regel,
    DateTimeOffset Op,
    Actor Door) : TijdvakEvent(TijdvakId, Op, Door);

/// <param name="Vervroegd">True when a beheerder closed it before the end of its close date.</param>
public sealed record TijdvakGesloten(Guid TijdvakId, DateOnly Sluit, IReadOnlyList<DateOnly> AfgeslotenDagen, DateTimeOffset Op, Actor Door, bool Vervroegd = false)
    : TijdvakEvent(TijdvakId, Op, Door);

/// <param name="VrijgekomenBeslag">Beslag minus the granted amount: freed, goes to the wachtlijst.</param>
public sealed record ToekenningGeboekt(
    Guid TijdvakId,
    Guid AanvraagId,
    decimal BeslagVoor,
    decimal Bedrag,
    decimal VrijgekomenBeslag,
    DateTimeOffset Op,
    Actor Door) : TijdvakEvent(TijdvakId, Op, Door);

public sealed record BeslagVrijgegeven(Guid TijdvakId, Guid AanvraagId, decimal Bedrag, VrijgaveReden Reden, DateTimeOffset Op, Actor Door)
    : TijdvakEvent(TijdvakId, Op, Door);

/// <summary>The aanvraag left the wachtlijst (withdrawn, refused on other grounds, or an aanvulling asked); those behind it move up one.</summary>
public sealed record VanWachtlijstGehaald(Guid TijdvakId, Guid AanvraagId, decimal Bedrag, int Positie, VrijgaveReden Reden, DateTimeOffset Op, Actor Door)
    : TijdvakEvent(TijdvakId, Op, Door);

/// <param name="Vrijval">ToegekendVoor − ToegekendNa: back in the budget (LIFECYCLE.md: toegekend "reduced again by vrijval").</param>
/// <param name="TijdvakDefinitief">True when the vrijval stays unspent for the herverdeling (no wachtlijst any more).</param>
public sealed record ToekenningVerlaagd(
    Guid TijdvakId,
    Guid AanvraagId,
    decimal ToegekendVoor,
    decimal ToegekendNa,
    decimal Vrijval,
    VerlagingReden Reden,
    bool TijdvakDefinitief,
    DateTimeOffset Op,
    Actor Door) : TijdvakEvent(TijdvakId, Op, Door);

/// <param name="BeslagEnToegekend">What was claimed and granted at the moment: a lower plafond is never below it.</param>
public sealed record BudgetplafondGewijzigd(
    Guid TijdvakId,
    decimal? PlafondVoor,
    decimal PlafondNa,
    decimal BeslagEnToegekend,
    string Reden,
    DateTimeOffset Op,
    Actor Door) : TijdvakEvent(TijdvakId, Op, Door);

/// <summary>Budget became available and the head of the wachtlijst got beslag, in order, as far as it fits
/// (SZGW: raising the plafond to €90m moved the wachtlijst up "met terugwerkende kracht", 001:1878).</summary>
public sealed record WachtlijstOpgeschoven(
    Guid TijdvakId,
    IReadOnlyList<Plaatsing> Plaatsingen,
    decimal BeschikbaarVoor,
    decimal BeschikbaarNa,
    int WachtlijstNa,
    string Regel,
    DateTimeOffset Op,
    Actor Door) : TijdvakEvent(TijdvakId, Op, Door);

/// <summary>A tender tijdvak ranked: <see cref="Plaatsingen"/> get beslag, <see cref="Afwijzingen"/> are refused (plafond-bereikt).</summary>
public sealed record Gerangschikt(
    Guid TijdvakId,
    IReadOnlyList<Rangplaats> Rangorde,
    IReadOnlyList<Plaatsing> Plaatsingen,
    IReadOnlyList<PlafondAfwijzing> Afwijzingen,
    decimal Plafond,
    decimal BeschikbaarNa,
    string Regel,
    DateTimeOffset Op,
    Actor Door) : TijdvakEvent(TijdvakId, Op, Door);

/// <summary>All aanvragen decided. <see cref="Afwijzingen"/> (what was left on the wachtlijst) are refused with <see cref="Code"/>
/// <c>plafond-bereikt</c>; <see cref="Onbesteed"/> is left for the herverdeling.</summary>
public sealed record TijdvakDefinitiefVerklaard(
    Guid TijdvakId,
    IReadOnlyList<PlafondAfwijzing> Afwijzingen,
    decimal Plafond,
    decimal Toegekend,
    decimal Onbesteed,
    string Code,
    string Regel,
    DateTimeOffset Op,
    Actor Door) : TijdvakEvent(TijdvakId, Op, Door);

public sealed record BudgetOvergeboekt(
    Guid TijdvakId,
    Guid HerverdelingId,
    Budgetrekening Bestemming,
    decimal Bedrag,
    decimal PlafondVoor,
    decimal PlafondNa,
    decimal BeschikbaarVoor,
    DateTimeOffset Op,
    Actor Door) : TijdvakEvent(TijdvakId, Op, Door);

public sealed record BudgetOntvangen(
    Guid TijdvakId,
    Guid HerverdelingId,
    Budgetrekening Bron,
    decimal Bedrag,
    decimal? PlafondVoor,
    decimal PlafondNa,
    DateTimeOffset Op,
    Actor Door) : TijdvakEvent(TijdvakId, Op, Door);
