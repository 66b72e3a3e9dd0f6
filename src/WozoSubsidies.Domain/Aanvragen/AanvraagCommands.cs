using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Aanvragen;

/// <summary>A command on one aanvraag. Every command carries who gives it and <see cref="Nu"/> (from the handler's
/// TimeProvider): the domain reads no clock. Everything the decision needs from other aggregates (the rules
/// version in force, the four-eyes threshold, the beslistermijn) is passed in by the handler, so Decide stays pure.</summary>
public abstract record AanvraagCommand(Guid AanvraagId, DateTimeOffset Nu, Actor Door);

/// <summary>Submit an aanvraag (POST /api/aanvragen). The handler passes the rules version in force on the day of
/// receipt (<paramref name="RegelsVersie"/> + <paramref name="Parameters"/>), the tijdvak's <paramref name="TijdvakRegels"/>
/// and the regeling's beslistermijn; the regeling's calculator judges the gegevens.</summary>
public sealed record Indienen(
    Guid AanvraagId,
    string RegelingCode,
    Guid TijdvakId,
    Aanvrager Aanvrager,
    AanvraagGegevens Gegevens,
    int RegelsVersie,
    RegelParameters Parameters,
    TijdvakRegels TijdvakRegels,
    DateTimeOffset Nu,
    Actor Door,
    int BeslistermijnWeken = Aanvraag.StandaardBeslistermijnWeken) : AanvraagCommand(AanvraagId, Nu, Door);

/// <summary>From the tijdvak's day settlement (docs/domain-boundary.md): the aanvraag holds beslag of <paramref name="Bedrag"/>.</summary>
public sealed record PlaatsToewijzen(Guid AanvraagId, decimal Bedrag, DateTimeOffset Nu, Actor Door)
    : AanvraagCommand(AanvraagId, Nu, Door);

/// <summary>From the tijdvak: the plafond was reached; the aanvraag waits at <paramref name="Positie"/> (1 = first).</summary>
public sealed record OpWachtlijstPlaatsen(Guid AanvraagId, int Positie, DateTimeOffset Nu, Actor Door)
    : AanvraagCommand(AanvraagId, Nu, Door);

/// <summary>From the tijdvak when it is final (or a tender ranking that left no room): refused, Awb 4:25 lid 2.</summary>
public sealed record AfwijzenWegensPlafond(Guid AanvraagId, Guid BesluitId, DateTimeOffset Nu, Actor Door)
    : AanvraagCommand(AanvraagId, Nu, Door);

public sealed record InBehandelingNemen(Guid AanvraagId, DateTimeOffset Nu, Actor Door)
    : AanvraagCommand(AanvraagId, Nu, Door);

/// <summary>Ask the aanvrager to complete the aanvraag within <paramref name="TermijnDagen"/> days (Awb 4:5).</summary>
public sealed record AanvullingVragen(
    Guid AanvraagId,
    string Omschrijving,
    DateTimeOffset Nu,
    Actor Door,
    int TermijnDagen = Aanvraag.StandaardAanvullingstermijnDagen) : AanvraagCommand(AanvraagId, Nu, Door);

/// <param name="RegelsVersie">The rules version in force on the day the aanvulling completes the aanvraag, with its
/// <paramref name="Parameters"/> and the tijdvak's <paramref name="TijdvakRegels"/>: an aanvraag is judged by the version
/// in force when it became complete. Null: judged as at submission.</param>
public sealed record AanvullingAanleveren(
    Guid AanvraagId,
    string Toelichting,
    DateTimeOffset Nu,
    Actor Door,
    int? RegelsVersie = null,
    RegelParameters? Parameters = null,
    TijdvakRegels? TijdvakRegels = null)
    : AanvraagCommand(AanvraagId, Nu, Door);

/// <summary>Set the aanvraag aside because the aanvullingstermijn passed unused (Awb 4:5); the daily job sends it.</summary>
public sealed record BuitenBehandelingStellen(Guid AanvraagId, Guid BesluitId, DateTimeOffset Nu, Actor Door)
    : AanvraagCommand(AanvraagId, Nu, Door);

/// <param name="ScoreVerplicht">The tijdvak is a tender (verdeelmethode Rangschikking): it ranks by score, so a positive
/// beoordeling must carry one (LIFECYCLE.md "Ranking").</param>
public sealed record Beoordelen(Guid AanvraagId, Advies Advies, int? Score, string? Toelichting, DateTimeOffset Nu, Actor Door, bool ScoreVerplicht = false)
    : AanvraagCommand(AanvraagId, Nu, Door);

/// <summary>Grant <paramref name="Bedrag"/>. Above <paramref name="VierOgenDrempel"/> (the regeling's) it waits for a second behandelaar.</summary>
public sealed record Toekennen(Guid AanvraagId, Guid BesluitId, decimal Bedrag, decimal VierOgenDrempel, DateTimeOffset Nu, Actor Door)
    : AanvraagCommand(AanvraagId, Nu, Door);

/// <summary>Refuse for <paramref name="Reden"/> (<see cref="AfwijzingsRedenen"/>), with the motivering (Awb 3:46).</summary>
public sealed record Afwijzen(
    Guid AanvraagId,
    Guid BesluitId,
    string Reden,
    string Toelichting,
    decimal VierOgenDrempel,
    DateTimeOffset Nu,
    Actor Door) : AanvraagCommand(AanvraagId, Nu, Door);

/// <summary>Approve a pending besluit (POST /api/besluiten/{id}/goedkeuring); must be another behandelaar.</summary>
public sealed record BesluitGoedkeuren(Guid AanvraagId, Guid BesluitId, DateTimeOffset Nu, Actor Door)
    : AanvraagCommand(AanvraagId, Nu, Door);

/// <summary>The second behandelaar does not approve: the pending besluit lapses and a new one may be proposed.</summary>
public sealed record BesluitAfkeuren(Guid AanvraagId, Guid BesluitId, string Toelichting, DateTimeOffset Nu, Actor Door)
    : AanvraagCommand(AanvraagId, Nu, Door);

/// <summary>The aanvrager withdraws the aanvraag before a decision.</summary>
public sealed record Intrekken(Guid AanvraagId, string? Toelichting, DateTimeOffset Nu, Actor Door)
    : AanvraagCommand(AanvraagId, Nu, Door);

public sealed record VoorschotVerstrekken(Guid AanvraagId, Guid VoorschotId, decimal Bedrag, DateTimeOffset Nu, Actor Door)
    : AanvraagCommand(AanvraagId, Nu, Door);

public sealed record VerantwoordingIndienen(Guid AanvraagId, decimal WerkelijkeKosten, string Toelichting, DateTimeOffset Nu, Actor Door)
    : AanvraagCommand(AanvraagId, Nu, Door);

/// <summary>Determine the final amount (at most the granted amount). Four-eyes is judged on the granted amount
/// being settled: a vaststelling at €0 on a large toekenning weighs as much as the toekenning did.</summary>
public sealed record Vaststellen(
    Guid AanvraagId,
    Guid BesluitId,
    decimal Bedrag,
    string? Toelichting,
    decimal VierOgenDrempel,
    DateTimeOffset Nu,
    Actor Door) : AanvraagCommand(AanvraagId, Nu, Door);

/// <summary>Revoke <paramref name="Bedrag"/> of the toekenning (all of it: full intrekking), Awb 4:48.</summary>
public sealed record ToekenningIntrekken(
    Guid AanvraagId,
    Guid BesluitId,
    decimal Bedrag,
    string Reden,
    decimal VierOgenDrempel,
    DateTimeOffset Nu,
    Actor Door) : AanvraagCommand(AanvraagId, Nu, Door);

/// <summary>Extend the beslistermijn once, before it ends (Awb 4:14 lid 3).</summary>
public sealed record BeslistermijnVerlengen(Guid AanvraagId, int Weken, string Reden, DateTimeOffset Nu, Actor Door)
    : AanvraagCommand(AanvraagId, Nu, Door);

public sealed record BezwaarIndienen(Guid AanvraagId, Guid BezwaarId, Guid BesluitId, string Gronden, DateTimeOffset Nu, Actor Door)
    : AanvraagCommand(AanvraagId, Nu, Door);

/// <summary>Decide a bezwaar. <paramref name="BesluitOpBezwaarId"/> identifies the besluit op bezwaar; when
/// gegrond, <paramref name="Herziening"/> is the changed decision (null: gegrond, but the besluit stands with a
/// better motivering).</summary>
public sealed record BezwaarBeslissen(
    Guid AanvraagId,
    Guid BezwaarId,
    Guid BesluitOpBezwaarId,
    bool Gegrond,
    Herziening? Herziening,
    string Toelichting,
    DateTimeOffset Nu,
    Actor Door) : AanvraagCommand(AanvraagId, Nu, Door);
