using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Regelingen;

/// <summary>A command to the regeling stream <c>regeling-{Code}</c>. <c>Nu</c> comes from the API's TimeProvider; the domain reads no clock.</summary>
public abstract record RegelingCommand(string Code, DateTimeOffset Nu, Actor Door);

/// <summary>Sets up a regeling (the catalogue entry). Re-sending the identical command is a no-op.</summary>
/// <param name="AanvragerTypen">The kinds of organisation that may apply, e.g. "woningcorporatie" (REGELINGEN.md "applicants").</param>
/// <param name="VierOgenDrempel">A decision above this amount needs a second behandelaar (LIFECYCLE.md "four-eyes").</param>
/// <param name="TotaalBudget">A cap on the sum of all tijdvak plafonds, where the source has one (SZGW: €312m, 000:634).</param>
/// <param name="BeslistermijnWeken">The term to decide (Awb 4:13), 13 weeks unless the regeling says otherwise.</param>
public sealed record RegelingInstellen(
    string Code,
    string Naam,
    Uitvoerder Uitvoerder,
    Verdeelmethode Verdeelmethode,
    IReadOnlyList<string> AanvragerTypen,
    Herverdelingsbeleid Herverdelingsbeleid,
    decimal VierOgenDrempel,
    decimal? TotaalBudget,
    DateTimeOffset Nu,
    Actor Door,
    int BeslistermijnWeken = Regeling.StandaardBeslistermijnWeken) : RegelingCommand(Code, Nu, Door);

/// <summary>Adopts rules version <paramref name="Versie"/> (1, 2, 3, …), in force from <paramref name="Ingangsdatum"/>
/// (STOZ relaxed its rules in Oct 2024, 001:2202). Re-sending an existing version unchanged is a no-op.</summary>
public sealed record RegelsVaststellen(
    string Code,
    int Versie,
    DateOnly Ingangsdatum,
    RegelParameters Parameters,
    DateTimeOffset Nu,
    Actor Door) : RegelingCommand(Code, Nu, Door);

/// <summary>Ends the regeling: no new tijdvakken after this; running ones and their aanvragen continue.</summary>
public sealed record RegelingBeeindigen(string Code, DateOnly Per, string Reden, DateTimeOffset Nu, Actor Door)
    : RegelingCommand(Code, Nu, Door);

/// <summary>Sent by the "tijdvak plannen" handler together with <c>TijdvakPlannen</c> (one transaction over both streams),
/// so the regeling knows each tijdvak's plafond and can guard its <see cref="RegelingState.TotaalBudget"/>.</summary>
public sealed record TijdvakAanmelden(
    string Code,
    Guid TijdvakId,
    string Naam,
    DateOnly Opent,
    DateOnly Sluit,
    decimal? Plafond,
    DateTimeOffset Nu,
    Actor Door) : RegelingCommand(Code, Nu, Door);

/// <summary>Sent with every command that changes a tijdvak's plafond (<c>BudgetplafondWijzigen</c>, <c>BudgetOntvangen</c>,
/// <c>BudgetOverboeken</c>) with the plafond it will have afterwards. A raise is checked against the total budget;
/// a lower one always passes here (the tijdvak itself refuses to go below beslag + toegekend).</summary>
public sealed record TijdvakPlafondRegistreren(string Code, Guid TijdvakId, decimal Plafond, DateTimeOffset Nu, Actor Door)
    : RegelingCommand(Code, Nu, Door);

/// <summary>A Reablement project was granted: it takes a place in the leertraject, which holds at most
/// <c>ReablementParameters.MaxProjectenLeertraject</c> projects over the whole programme (001:432). The regeling stream
/// counts them, so its expected version makes the last place impossible to give twice.</summary>
public sealed record LeertrajectDeelnameRegistreren(string Code, Guid AanvraagId, DateTimeOffset Nu, Actor Door)
    : RegelingCommand(Code, Nu, Door);
