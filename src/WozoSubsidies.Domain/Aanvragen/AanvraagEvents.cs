using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Aanvragen;

/// <summary>Every event on an aanvraag's stream (`aanvraag-{guid}`) carries who (<c>Door</c>: actor id and
/// role), when (<c>Op</c>) and the rule applied (<c>Grondslag</c>: an Awb article; events that
/// judge the content also carry the rules version). Events that move money carry the amounts before and after
/// (LIFECYCLE.md: "every transition is one event … carrying who, when, the rule applied, the amounts before and after").</summary>
public abstract record AanvraagEvent(Guid AanvraagId, DateTimeOffset Op, Actor Door, string Grondslag) : IDomeinEvent;

/// <summary>Received and judged by <paramref name="RegelsVersie"/>. <paramref name="Op"/> is the moment of receipt;
/// the aanvraag waits for the day's settlement (docs/domain-boundary.md).</summary>
public sealed record AanvraagIngediend(
    Guid AanvraagId,
    string RegelingCode,
    Guid TijdvakId,
    Aanvrager Aanvrager,
    AanvraagGegevens Gegevens,
    decimal AangevraagdBedrag,
    int RegelsVersie,
    RegelParameters Parameters,
    TijdvakRegels TijdvakRegels,
    int BeslistermijnWeken,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

/// <summary>The day settlement gave the aanvraag a place: beslag on the tijdvak's budget.</summary>
public sealed record AanvraagPlaatsToegewezen(
    Guid AanvraagId,
    decimal BeslagVoor,
    decimal BeslagNa,
    int? WachtlijstPositieVoor,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

public sealed record AanvraagOpWachtlijstGeplaatst(
    Guid AanvraagId,
    int Positie,
    int? PositieVoor,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

/// <summary>The aanvraag is incomplete. Its beslag (<paramref name="BeslagVoor"/>) or wachtlijst place is released
/// (the handler sends BeslagVrijgeven); it re-enters the order when the aanvulling arrives.</summary>
public sealed record AanvullingGevraagd(
    Guid AanvraagId,
    string Omschrijving,
    int TermijnDagen,
    DateOnly Uiterlijk,
    AanvraagStatus StatusVoor,
    decimal BeslagVoor,
    int? WachtlijstPositieVoor,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

/// <summary>The aanvraag is complete again: <paramref name="Op"/> is its new moment of complete receipt, and the
/// beslistermijn resumes after <paramref name="OpgeschorteDagen"/> days of suspension.</summary>
/// <param name="RegelsVersie">Set when another rules version was in force on the day the aanvraag became complete: it is
/// judged by that one, with <paramref name="AangevraagdBedrag"/> recomputed and the rules it no longer meets in
/// <paramref name="Overtredingen"/> (the behandelaar decides on those; the aanvulling itself is accepted).</param>
public sealed record AanvullingOntvangen(
    Guid AanvraagId,
    string Toelichting,
    DateOnly OpgeschortVan,
    DateOnly OpgeschortTot,
    int OpgeschorteDagen,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag,
    int? RegelsVersie = null,
    decimal? AangevraagdBedrag = null,
    IReadOnlyList<RegelOvertreding>? Overtredingen = null) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

public sealed record AanvraagBuitenBehandelingGesteld(
    Guid AanvraagId,
    Guid BesluitId,
    DateOnly AanvullingUiterlijk,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

/// <summary>A behandelaar took the aanvraag in behandeling; with <paramref name="BezwaarId"/> it is treated again after a gegrond bezwaar.</summary>
public sealed record AanvraagInBehandelingGenomen(
    Guid AanvraagId,
    AanvraagStatus StatusVoor,
    Guid? BezwaarId,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

public sealed record AanvraagBeoordeeld(
    Guid AanvraagId,
    Advies Advies,
    int? Score,
    string? Toelichting,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

/// <summary>A decision above the four-eyes threshold, waiting for a second behandelaar. <paramref name="Bedrag"/> is
/// the decision's own amount (granted, vastgesteld or revoked; the requested amount for an afwijzing).</summary>
public sealed record BesluitVoorgesteld(
    Guid AanvraagId,
    Guid BesluitId,
    BesluitSoort Soort,
    decimal Bedrag,
    string? Reden,
    string? Toelichting,
    decimal VierOgenDrempel,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

/// <summary>The second behandelaar approved; the decision's own event follows in the same append.</summary>
public sealed record BesluitGoedgekeurd(
    Guid AanvraagId,
    Guid BesluitId,
    BesluitSoort Soort,
    Actor VoorgesteldDoor,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

public sealed record BesluitAfgekeurd(
    Guid AanvraagId,
    Guid BesluitId,
    BesluitSoort Soort,
    string Toelichting,
    Actor VoorgesteldDoor,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

/// <summary>A toekenning took effect (the handler sends ToekenningBoeken with <paramref name="ToegekendNa"/>).
/// <paramref name="Door"/> decided it, <paramref name="GoedgekeurdDoor"/> approved it (four-eyes), <paramref name="BezwaarId"/>
/// is set when it is the changed decision of a gegrond bezwaar (then <paramref name="ToegekendVoor"/> may be above 0).</summary>
public sealed record AanvraagToegekend(
    Guid AanvraagId,
    Guid BesluitId,
    decimal AangevraagdBedrag,
    decimal ToegekendVoor,
    decimal ToegekendNa,
    decimal BeslagVoor,
    int RegelsVersie,
    Actor? GoedgekeurdDoor,
    Guid? BezwaarId,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

/// <summary>Refused. The handler sends BeslagVrijgeven when <paramref name="BeslagVoor"/> is above 0 or the aanvraag was on the wachtlijst.</summary>
public sealed record AanvraagAfgewezen(
    Guid AanvraagId,
    Guid BesluitId,
    string Reden,
    string Toelichting,
    decimal AangevraagdBedrag,
    decimal BeslagVoor,
    int? WachtlijstPositieVoor,
    Actor? GoedgekeurdDoor,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

/// <summary>Withdrawn by the aanvrager; the handler frees <paramref name="BeslagVoor"/> (or the wachtlijst place).</summary>
public sealed record AanvraagIngetrokken(
    Guid AanvraagId,
    AanvraagStatus StatusVoor,
    string? Toelichting,
    decimal AangevraagdBedrag,
    decimal BeslagVoor,
    int? WachtlijstPositieVoor,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

public sealed record VoorschotVerstrekt(
    Guid AanvraagId,
    Guid VoorschotId,
    decimal Bedrag,
    decimal BetaaldVoor,
    decimal BetaaldNa,
    decimal Toegekend,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

public sealed record VerantwoordingIngediend(
    Guid AanvraagId,
    decimal WerkelijkeKosten,
    string Toelichting,
    decimal Toegekend,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

/// <summary>The final amount. <paramref name="NogTeBetalen"/> = vastgesteld − voorschotten when positive;
/// <paramref name="Vrijval"/> = toegekend − vastgesteld is what the handler gives back to the tijdvak (ToegekendVerlagen).
/// When the voorschotten exceed the vastgesteld amount, a <see cref="TerugvorderingVastgesteld"/> follows.</summary>
public sealed record SubsidieVastgesteld(
    Guid AanvraagId,
    Guid BesluitId,
    decimal Toegekend,
    decimal? VastgesteldVoor,
    decimal VastgesteldNa,
    decimal BetaaldeVoorschotten,
    decimal NogTeBetalen,
    decimal Vrijval,
    string? Toelichting,
    Actor? GoedgekeurdDoor,
    Guid? BezwaarId,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

/// <summary>What was paid above the subsidy is reclaimed (Awb 4:57); part of the besluit <paramref name="BesluitId"/>.</summary>
public sealed record TerugvorderingVastgesteld(
    Guid AanvraagId,
    Guid BesluitId,
    decimal Bedrag,
    decimal BetaaldeVoorschotten,
    decimal SubsidieBedrag,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

/// <summary>The uitvoerder revoked <paramref name="IngetrokkenBedrag"/> of the toekenning (Awb 4:48); that amount is
/// freed (the handler sends ToegekendVerlagen). <paramref name="Volledig"/>: nothing remains.</summary>
public sealed record ToekenningIngetrokken(
    Guid AanvraagId,
    Guid BesluitId,
    decimal IngetrokkenBedrag,
    decimal ToegekendVoor,
    decimal ToegekendNa,
    bool Volledig,
    string Reden,
    Actor? GoedgekeurdDoor,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

public sealed record BeslistermijnVerlengd(
    Guid AanvraagId,
    int Weken,
    DateOnly TermijnVoor,
    DateOnly TermijnNa,
    string Reden,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

/// <summary>A bezwaar against <paramref name="BesluitId"/>, on time: <paramref name="Uiterlijk"/> was the last day (Awb 6:7, 6:8).</summary>
public sealed record BezwaarIngediend(
    Guid AanvraagId,
    Guid BezwaarId,
    Guid BesluitId,
    string Gronden,
    DateOnly BesluitDatum,
    DateOnly Uiterlijk,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);

/// <summary>The besluit op bezwaar. When gegrond with a <paramref name="Herziening"/>, the changed decision follows
/// in the same append as the ordinary event (AanvraagToegekend, SubsidieVastgesteld, AanvraagInBehandelingGenomen)
/// with <c>BezwaarId</c> set.</summary>
public sealed record BezwaarBeslist(
    Guid AanvraagId,
    Guid BezwaarId,
    Guid BesluitId,
    Guid BesluitOpBezwaarId,
    bool Gegrond,
    HerzieningSoort? Herziening,
    decimal? HerzienBedrag,
    string Toelichting,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag) : AanvraagEvent(AanvraagId, Op, Door, Grondslag);
