using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Regelingen;

/// <summary>
/// The Regeling aggregate (stream <c>regeling-{code}</c>): the catalogue entry, its rules versions, and the
/// plafonds of its tijdvakken so far as they matter for the regeling's total budget.
/// Pure: <see cref="Decide"/> returns events or throws <see cref="RegelSchending"/>; <see cref="Evolve"/> folds.
/// </summary>
public static partial class Regeling
{
    /// <summary>Awb 4:13: the regeling sets the term; REGELINGEN.md/LIFECYCLE.md: 13 weeks by default.</summary>
    public const int StandaardBeslistermijnWeken = 13;

    public static Decider<RegelingCommand, RegelingEvent, RegelingState> Decider { get; } =
        new(Decide, Evolve, RegelingState.Begin);

    public static IReadOnlyList<RegelingEvent> Decide(RegelingCommand command, RegelingState state)
    {
        if (state.Bestaat && !string.Equals(command.Code, state.Code, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Command for regeling {command.Code} sent to stream of {state.Code}.", nameof(command));
        }

        return command switch
        {
            RegelingInstellen c => Instellen(c, state),
            RegelsVaststellen c => Vaststellen(c, Bestaande(state)),
            RegelingBeeindigen c => Beeindigen(c, Bestaande(state)),
            TijdvakAanmelden c => Aanmelden(c, Bestaande(state)),
            TijdvakPlafondRegistreren c => PlafondRegistreren(c, Bestaande(state)),
            LeertrajectDeelnameRegistreren c => LeertrajectDeelname(c, Bestaande(state)),
            _ => throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command)),
        };
    }

    public static RegelingState Evolve(RegelingState state, RegelingEvent @event) => @event switch
    {
        RegelingIngesteld e => state with
        {
            Bestaat = true,
            Code = e.Code,
            Naam = e.Naam,
            Uitvoerder = e.Uitvoerder,
            Verdeelmethode = e.Verdeelmethode,
            AanvragerTypen = [.. e.AanvragerTypen],
            BeslistermijnWeken = e.BeslistermijnWeken,
            VierOgenDrempel = e.VierOgenDrempel,
            Herverdelingsbeleid = e.Herverdelingsbeleid,
            TotaalBudget = e.TotaalBudget,
        },
        RegelsVastgesteld e => state with { Versies = state.Versies.Add(new RegelsVersie(e.Versie, e.Ingangsdatum, e.Parameters)) },
        RegelingBeeindigd e => state with { BeeindigdPer = e.Per },
        TijdvakAangemeld e => BinnenTotaal(state with
        {
            Tijdvakken = state.Tijdvakken.Add(e.TijdvakId, new TijdvakVanRegeling(e.TijdvakId, e.Naam, e.Opent, e.Sluit, e.Plafond)),
        }),
        TijdvakPlafondGeregistreerd e => BinnenTotaal(state with
        {
            Tijdvakken = state.Tijdvakken.SetItem(e.TijdvakId, state.Tijdvakken[e.TijdvakId] with { Plafond = e.PlafondNa }),
        }, toegestaneOverschrijding: e.PlafondNa <= (e.PlafondVoor ?? 0m)),
        LeertrajectDeelnameGeregistreerd e => state.LeertrajectDeelnemers.Count >= e.Maximum
            ? throw new InvalidOperationException($"The leertraject of {state.Code} already holds {e.Maximum} projects.")
            : state with { LeertrajectDeelnemers = state.LeertrajectDeelnemers.Add(e.AanvraagId) },
        _ => throw new ArgumentException($"Unknown event {@event.GetType().Name}.", nameof(@event)),
    };

    /// <summary>The leertraject's maximum in the rules in force on that day, or null when the regeling has none.</summary>
    public static int? MaxLeertraject(RegelingState state, DateOnly dag) =>
        RegelsOp(state, dag)?.Parameters is ReablementParameters p ? p.MaxProjectenLeertraject : null;

    private static RegelingEvent[] LeertrajectDeelname(LeertrajectDeelnameRegistreren c, RegelingState state)
    {
        if (state.LeertrajectDeelnemers.Contains(c.AanvraagId))
        {
            return []; // a retried toekenning
        }
        if (MaxLeertraject(state, Amsterdam.Dag(c.Nu)) is not { } maximum)
        {
            return []; // this regeling has no leertraject
        }
        RegelSchending.Eis(state.LeertrajectDeelnemers.Count < maximum, "reablement-leertraject-vol",
            $"Het leertraject telt al {maximum} projecten, het maximum (001:432); een nieuw project kan niet meer deelnemen.");
        return [new LeertrajectDeelnameGeregistreerd(c.Code, c.AanvraagId, state.LeertrajectDeelnemers.Count + 1, maximum, c.Nu, c.Door)];
    }

    /// <summary>The rules version in force on <paramref name="dag"/>: the highest version whose ingangsdatum is on or before it,
    /// or null when none was in force yet. An aanvraag is judged by the version in force on the day it became complete.</summary>
    public static RegelsVersie? RegelsOp(RegelingState state, DateOnly dag) =>
        state.Versies.Where(v => v.Ingangsdatum <= dag).MaxBy(v => v.Versie);

    /// <summary>Whether an organisation of this kind may apply (REGELINGEN.md "applicants").</summary>
    public static bool MagAanvragen(RegelingState state, string aanvragerType) =>
        state.AanvragerTypen.Contains(aanvragerType, StringComparer.OrdinalIgnoreCase);

    /// <summary>A decision above the drempel needs a second, different behandelaar (LIFECYCLE.md "four-eyes").</summary>
    public static bool VierOgenNodig(RegelingState state, decimal bedrag) => bedrag > state.VierOgenDrempel;

    /// <summary>The tijdvak that opens first after <paramref name="tijdvakId"/> opened (IOC: unspent budget goes to the next
    /// ronde, 001:2354), or null when it is the last.</summary>
    public static TijdvakVanRegeling? VolgendTijdvak(RegelingState state, Guid tijdvakId)
    {
        if (!state.Tijdvakken.TryGetValue(tijdvakId, out var huidig))
        {
            return null;
        }

        return state.Tijdvakken.Values
            .Where(t => t.TijdvakId != tijdvakId && (t.Opent > huidig.Opent || (t.Opent == huidig.Opent && t.Sluit > huidig.Sluit)))
            .OrderBy(t => t.Opent)
            .ThenBy(t => t.Sluit)
            .FirstOrDefault();
    }

    private static RegelingEvent[] Instellen(RegelingInstellen c, RegelingState state)
    {
        if (state.Bestaat)
        {
            var gelijk = state.Naam == c.Naam && state.Uitvoerder == c.Uitvoerder && state.Verdeelmethode == c.Verdeelmethode
                && state.AanvragerTypen.SequenceEqual(c.AanvragerTypen) && state.BeslistermijnWeken == c.BeslistermijnWeken
                && state.VierOgenDrempel == c.VierOgenDrempel && state.Herverdelingsbeleid == c.Herverdelingsbeleid
                && state.TotaalBudget == c.TotaalBudget;
            // The catalogue is loaded at first start and may be loaded twice (a retry): the same entry is a no-op.
            return gelijk
                ? []
                : throw new RegelSchending("regeling-bestaat", $"Regeling {c.Code} bestaat al met andere gegevens.");
        }

        RegelSchending.Eis(CodePatroon().IsMatch(c.Code), "regeling-code-ongeldig",
            $"De code van een regeling bestaat uit hoofdletters, cijfers en streepjes (zoals SZGW of SPUK-DOS), niet '{c.Code}'.");
        RegelSchending.Eis(!string.IsNullOrWhiteSpace(c.Naam), "regeling-naam-leeg", "Een regeling heeft een naam.");
        RegelSchending.Eis(c.AanvragerTypen.Count > 0 && c.AanvragerTypen.All(t => !string.IsNullOrWhiteSpace(t)), "aanvragertypen-leeg",
            "Een regeling noemt ten minste één soort aanvrager.");
        RegelSchending.Eis(c.BeslistermijnWeken is > 0 and <= 52, "beslistermijn-ongeldig",
            $"De beslistermijn (Awb 4:13) is 1 tot en met 52 weken, niet {c.BeslistermijnWeken}.");
        Bedrag.EisGeldig(c.VierOgenDrempel, "De vier-ogendrempel");
        if (c.TotaalBudget is { } totaal)
        {
            Bedrag.EisPositief(totaal, "Het totaalbudget");
        }

        if (c.Herverdelingsbeleid is Herverdelingsbeleid.Elders elders)
        {
            RegelSchending.Eis(!string.IsNullOrWhiteSpace(elders.Bestemming), "herverdeling-bestemming-leeg",
                "Herverdeling naar elders noemt de bestemming.");
        }

        return
        [
            new RegelingIngesteld(c.Code, c.Naam.Trim(), c.Uitvoerder, c.Verdeelmethode, [.. c.AanvragerTypen], c.BeslistermijnWeken,
                c.VierOgenDrempel, c.Herverdelingsbeleid, c.TotaalBudget, c.Nu, c.Door),
        ];
    }

    private static RegelingEvent[] Vaststellen(RegelsVaststellen c, RegelingState state)
    {
        var bestaande = state.Versies.Find(v => v.Versie == c.Versie);
        if (bestaande is not null)
        {
            return bestaande.Ingangsdatum == c.Ingangsdatum && Structureel.Gelijk(bestaande.Parameters, c.Parameters)
                ? []
                : throw new RegelSchending("regelsversie-bestaat",
                    $"Versie {c.Versie} van de regels van {state.Code} is al vastgesteld; een wijziging is een nieuwe versie.");
        }

        var vorige = state.Versies.IsEmpty ? null : state.Versies[^1];
        var vorigeVersie = vorige?.Versie ?? 0;
        // Versions are numbered 1, 2, 3 … without gaps, so "version n" in an aanvraag's event names exactly one set of rules.
        RegelSchending.Eis(c.Versie == vorigeVersie + 1, "regelsversie-volgorde",
            $"De volgende versie van de regels van {state.Code} is {vorigeVersie + 1}, niet {c.Versie}.");
        // A later version never starts before an earlier one, so RegelsOp is the latest version that has started.
        RegelSchending.Eis(vorige is null || c.Ingangsdatum >= vorige.Ingangsdatum, "ingangsdatum-voor-vorige-versie",
            $"Versie {c.Versie} kan niet ingaan vóór versie {vorigeVersie} ({vorige?.Ingangsdatum.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}).");
        RegelSchending.Eis(string.Equals(c.Parameters.RegelingCode, state.Code, StringComparison.Ordinal), "regels-andere-regeling",
            $"Deze parameters horen bij regeling {c.Parameters.RegelingCode}, niet bij {state.Code}.");

        // Regels/Contract.cs: a new rules version checks its own consistency before any calculator relies on it.
        var onvolkomenheden = c.Parameters.Valideer();
        if (onvolkomenheden.Count > 0)
        {
            throw new RegelSchending("regels-ongeldig", string.Join(" ", onvolkomenheden),
                [.. onvolkomenheden.Select(m => new RegelOvertreding("regels-ongeldig", m, "parameters"))]);
        }

        return [new RegelsVastgesteld(state.Code, c.Versie, vorigeVersie, c.Ingangsdatum, c.Parameters, c.Nu, c.Door)];
    }

    private static RegelingEvent[] Beeindigen(RegelingBeeindigen c, RegelingState state)
    {
        if (state.BeeindigdPer is not null)
        {
            return [];
        }

        RegelSchending.Eis(!string.IsNullOrWhiteSpace(c.Reden), "reden-leeg", "Beëindigen van een regeling vraagt een reden.");
        return [new RegelingBeeindigd(state.Code, c.Per, c.Reden, c.Nu, c.Door)];
    }

    private static RegelingEvent[] Aanmelden(TijdvakAanmelden c, RegelingState state)
    {
        if (state.Tijdvakken.TryGetValue(c.TijdvakId, out var bekend))
        {
            return bekend == new TijdvakVanRegeling(c.TijdvakId, c.Naam, c.Opent, c.Sluit, c.Plafond)
                ? []
                : throw new RegelSchending("tijdvak-bestaat", $"Tijdvak {c.TijdvakId} hoort al bij {state.Code} met andere gegevens.");
        }

        RegelSchending.Eis(state.BeeindigdPer is null, "regeling-beeindigd",
            $"Regeling {state.Code} is beëindigd: er komen geen nieuwe tijdvakken bij.");
        if (c.Plafond is { } plafond)
        {
            Bedrag.EisGeldig(plafond, "Het budgetplafond");
        }

        var somNa = state.SomPlafonds + (c.Plafond ?? 0m);
        EisBinnenTotaal(state, somNa);
        return [new TijdvakAangemeld(state.Code, c.TijdvakId, c.Naam, c.Opent, c.Sluit, c.Plafond, somNa, state.TotaalBudget, c.Nu, c.Door)];
    }

    private static RegelingEvent[] PlafondRegistreren(TijdvakPlafondRegistreren c, RegelingState state)
    {
        var tijdvak = state.Tijdvakken.GetValueOrDefault(c.TijdvakId)
            ?? throw new RegelSchending("tijdvak-onbekend", $"Tijdvak {c.TijdvakId} hoort niet bij regeling {state.Code}.");
        if (tijdvak.Plafond == c.Plafond)
        {
            return [];
        }

        Bedrag.EisGeldig(c.Plafond, "Het budgetplafond");
        var somVoor = state.SomPlafonds;
        var somNa = somVoor - (tijdvak.Plafond ?? 0m) + c.Plafond;
        if (c.Plafond > (tijdvak.Plafond ?? 0m))
        {
            EisBinnenTotaal(state, somNa);
        }

        return [new TijdvakPlafondGeregistreerd(state.Code, c.TijdvakId, tijdvak.Plafond, c.Plafond, somVoor, somNa, state.TotaalBudget, c.Nu, c.Door)];
    }

    // SZGW: "het totaal van de tranches bedraagt maximaal € 312 miljoen" (000:634): raising one tranche never takes the sum above it.
    private static void EisBinnenTotaal(RegelingState state, decimal somNa) =>
        RegelSchending.Eis(state.TotaalBudget is not { } totaal || somNa <= totaal, "totaalbudget-overschreden",
            $"De budgetplafonds van de tijdvakken van {state.Code} samen ({Bedrag.Toon(somNa)}) zouden boven het totaalbudget van de regeling ({Bedrag.Toon(state.TotaalBudget ?? 0m)}) komen.");

    private static RegelingState Bestaande(RegelingState state) =>
        state.Bestaat ? state : throw new RegelSchending("regeling-onbekend", "Deze regeling is niet ingesteld.");

    // A lowering may leave an old excess in place (it only shrinks it); anything else above the total is a bug in Decide.
    private static RegelingState BinnenTotaal(RegelingState state, bool toegestaneOverschrijding = false) =>
        toegestaneOverschrijding || state.TotaalBudget is not { } totaal || state.SomPlafonds <= totaal
            ? state
            : throw new InvalidOperationException($"Invariant broken: plafonds of {state.Code} sum to {state.SomPlafonds}, above the total {totaal}.");

    [GeneratedRegex("^[A-Z0-9]+(-[A-Z0-9]+)*$")]
    private static partial Regex CodePatroon();
}
