using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Regelingen;

/// <summary>An event on a regeling stream; <c>Op</c> is the command's <c>Nu</c>, <c>Door</c> who gave it.</summary>
public abstract record RegelingEvent(string Code, DateTimeOffset Op, Actor Door) : IDomeinEvent;

public sealed record RegelingIngesteld(
    string Code,
    string Naam,
    Uitvoerder Uitvoerder,
    Verdeelmethode Verdeelmethode,
    IReadOnlyList<string> AanvragerTypen,
    int BeslistermijnWeken,
    decimal VierOgenDrempel,
    Herverdelingsbeleid Herverdelingsbeleid,
    decimal? TotaalBudget,
    DateTimeOffset Op,
    Actor Door) : RegelingEvent(Code, Op, Door);

/// <param name="VorigeVersie">The version it follows (0 for the first), so the log shows the sequence without replay.</param>
public sealed record RegelsVastgesteld(
    string Code,
    int Versie,
    int VorigeVersie,
    DateOnly Ingangsdatum,
    RegelParameters Parameters,
    DateTimeOffset Op,
    Actor Door) : RegelingEvent(Code, Op, Door);

public sealed record RegelingBeeindigd(string Code, DateOnly Per, string Reden, DateTimeOffset Op, Actor Door)
    : RegelingEvent(Code, Op, Door);

/// <param name="SomPlafondsNa">The sum of all tijdvak plafonds after this tijdvak joined (an unstated plafond counts as 0).</param>
public sealed record TijdvakAangemeld(
    string Code,
    Guid TijdvakId,
    string Naam,
    DateOnly Opent,
    DateOnly Sluit,
    decimal? Plafond,
    decimal SomPlafondsNa,
    decimal? TotaalBudget,
    DateTimeOffset Op,
    Actor Door) : RegelingEvent(Code, Op, Door);

public sealed record TijdvakPlafondGeregistreerd(
    string Code,
    Guid TijdvakId,
    decimal? PlafondVoor,
    decimal PlafondNa,
    decimal SomPlafondsVoor,
    decimal SomPlafondsNa,
    decimal? TotaalBudget,
    DateTimeOffset Op,
    Actor Door) : RegelingEvent(Code, Op, Door);

/// <param name="Aantal">Projects in the leertraject after this one.</param>
/// <param name="Maximum">The maximum of the rules version in force.</param>
public sealed record LeertrajectDeelnameGeregistreerd(string Code, Guid AanvraagId, int Aantal, int Maximum, DateTimeOffset Op, Actor Door)
    : RegelingEvent(Code, Op, Door);
