using System.Collections.Immutable;
using System.Globalization;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regelingen;

namespace WozoSubsidies.Domain.Tijdvakken;

/// <summary>
/// The Tijdvak aggregate (stream <c>tijdvak-{id}</c>): one application window with its budgetplafond and the ledger
/// beslag / toegekend / wachtlijst. Pure: <see cref="Decide"/> returns events or throws <see cref="RegelSchending"/>;
/// <see cref="Evolve"/> folds and throws <see cref="InvalidOperationException"/> if an event would break
/// <b>beslag + toegekend ≤ plafond</b> (LIFECYCLE.md "The invariant"; Awb 4:25 lid 2) — that would be a bug in Decide.
/// How it talks to the Aanvraag aggregate: docs/domain-boundary.md.
/// </summary>
public static class Tijdvak
{
    /// <summary>The rule code for an aanvraag refused because the budget is used up (Awb 4:25 lid 2).</summary>
    public const string PlafondBereiktCode = "plafond-bereikt";

    /// <summary>The rule code for a configured herverdeling date before the close date.</summary>
    public const string HerverdelingsdatumVoorSluitingCode = "herverdelingsdatum-voor-sluiting";

    /// <summary>Whether the configured herverdeling date has come for this closed tijdvak (LIFECYCLE.md jobs "herverdeling":
    /// "or at its configured date"): then its unspent budget moves even while aanvragen are still undecided.</summary>
    public static bool HerverdelingsdatumBereikt(TijdvakState state, DateOnly vandaag) =>
        state.Status == TijdvakStatus.Gesloten && state.HerverdelingOp is { } op && op <= vandaag;

    public static Decider<TijdvakCommand, TijdvakEvent, TijdvakState> Decider { get; } =
        new(Decide, Evolve, TijdvakState.Begin);

    public static IReadOnlyList<TijdvakEvent> Decide(TijdvakCommand command, TijdvakState state)
    {
        if (state.Status != TijdvakStatus.Nieuw && command.TijdvakId != state.Id)
        {
            throw new ArgumentException($"Command for tijdvak {command.TijdvakId} sent to the stream of {state.Id}.", nameof(command));
        }

        if (command is not TijdvakPlannen && state.Status == TijdvakStatus.Nieuw)
        {
            throw new RegelSchending("tijdvak-onbekend", "Dit tijdvak is niet gepland.");
        }

        return command switch
        {
            TijdvakPlannen c => Plannen(c, state),
            TijdvakOpenen c => Openen(c, state),
            DagAfsluiten c => DagAfsluitenBeslissen(c, state),
            TijdvakSluiten c => Sluiten(c, state),
            ToekenningBoeken c => ToekenningBoekenBeslissen(c, state),
            BeslagVrijgeven c => BeslagVrijgevenBeslissen(c, state),
            ToegekendVerlagen c => ToegekendVerlagenBeslissen(c, state),
            BudgetplafondWijzigen c => PlafondWijzigen(c, state),
            Rangschikken c => RangschikkenBeslissen(c, state),
            DefinitiefVerklaren c => DefinitiefVerklarenBeslissen(c, state),
            BudgetOverboeken c => Overboeken(c, state),
            BudgetInboeken c => Inboeken(c, state),
            HerzieneToekenningBoeken c => HerzieneToekenning.Beslis(c, state),
            NaBezwaarHerplaatsen c => Herplaatsing.Beslis(c, state),
            _ => throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command)),
        };
    }

    public static TijdvakState Evolve(TijdvakState state, TijdvakEvent @event) => Invariant(@event switch
    {
        TijdvakGepland e => state with
        {
            Status = TijdvakStatus.Gepland,
            Id = e.TijdvakId,
            RegelingCode = e.RegelingCode,
            Naam = e.Naam,
            Opent = e.Opent,
            Sluit = e.Sluit,
            Plafond = e.Plafond,
            Verdeelmethode = e.Verdeelmethode,
            Regels = e.Regels,
            Uitnodigingen = [.. e.Uitnodigingen],
            HerverdelingOp = e.HerverdelingOp,
        },
        TijdvakGeopend => state with { Status = TijdvakStatus.Open },
        DagAfgesloten e => DagToepassen(state, e),
        TijdvakGesloten => state with { Status = TijdvakStatus.Gesloten },
        ToekenningGeboekt e => Wijzig(state, e.AanvraagId, PlaatsStatus.Beslag, a => a with { Status = PlaatsStatus.Toegekend, Beslag = 0m, Toegekend = e.Bedrag }) with
        {
            Beslag = state.Beslag - e.BeslagVoor,
            Toegekend = state.Toegekend + e.Bedrag,
        },
        BeslagVrijgegeven e => Wijzig(state, e.AanvraagId, PlaatsStatus.Beslag, a => a with { Status = PlaatsStatus.Vrijgegeven, Beslag = 0m }) with
        {
            Beslag = state.Beslag - e.Bedrag,
        },
        VanWachtlijstGehaald e => Wijzig(state, e.AanvraagId, PlaatsStatus.OpWachtlijst, a => a with { Status = PlaatsStatus.Vrijgegeven }) with
        {
            Wachtlijst = state.Wachtlijst.Remove(e.AanvraagId),
        },
        ToekenningVerlaagd e => Wijzig(state, e.AanvraagId, PlaatsStatus.Toegekend, a => a with { Toegekend = e.ToegekendNa }) with
        {
            Toegekend = state.Toegekend - e.Vrijval,
            Vrijgevallen = state.Vrijgevallen + e.Vrijval,
        },
        BudgetplafondGewijzigd e => state with { Plafond = e.PlafondNa },
        WachtlijstOpgeschoven e => Opschuiven(state, e),
        Gerangschikt e => RangordeToepassen(state, e),
        TijdvakDefinitiefVerklaard e => Definitief(state, e),
        BudgetOvergeboekt e => state with
        {
            Plafond = e.PlafondNa,
            Overgeboekt = state.Overgeboekt + e.Bedrag,
            Herverdelingen = state.Herverdelingen.Add(e.HerverdelingId),
        },
        HerzieneToekenningGeboekt e => HerzieneToekenning.Pas(state, e),
        NaBezwaarHerplaatst e => Herplaatsing.Pas(state, e),
        BudgetOntvangen e => state with
        {
            Plafond = e.PlafondNa,
            Ontvangen = state.Ontvangen + e.Bedrag,
            Herverdelingen = state.Herverdelingen.Add(e.HerverdelingId),
        },
        _ => throw new ArgumentException($"Unknown event {@event.GetType().Name}.", nameof(@event)),
    });

    /// <summary>Whether the organisation with this KvK number or OIN may apply (Reablement ronde 1: by invitation only, 001:535).</summary>
    public static bool MagIndienen(TijdvakState state, string kvkOfOin) =>
        state.Uitnodigingen.IsEmpty || state.Uitnodigingen.Contains(kvkOfOin.Trim());

    /// <summary>Whether an aanvraag may be submitted at <paramref name="nu"/>: open, and within the window's days (Europe/Amsterdam).</summary>
    public static bool AanvaardtAanvragen(TijdvakState state, DateTimeOffset nu) =>
        state.Status == TijdvakStatus.Open && Amsterdam.Dag(nu) >= state.Opent && nu < Amsterdam.EindeVan(state.Sluit);

    /// <summary>The 1-based place of an aanvraag on the wachtlijst now, or null.</summary>
    public static int? PositieOpWachtlijst(TijdvakState state, Guid aanvraagId)
    {
        var index = state.Wachtlijst.IndexOf(aanvraagId);
        return index < 0 ? null : index + 1;
    }

    /// <summary>The canonical order of receipt: (OntvangenOp, AanvraagId as lowercase "D" string, ordinal). The lottery
    /// shuffles candidates taken in this order, so a replay needs exactly this order.</summary>
    public static IReadOnlyList<Ontvangst> InOntvangstvolgorde(IEnumerable<Ontvangst> ontvangsten) =>
        [.. ontvangsten.OrderBy(o => o.OntvangenOp).ThenBy(o => o.AanvraagId.ToString("D"), StringComparer.Ordinal)];

    private static TijdvakEvent[] Plannen(TijdvakPlannen c, TijdvakState state)
    {
        RegelSchending.Eis(state.Status == TijdvakStatus.Nieuw, "tijdvak-bestaat", $"Tijdvak {c.TijdvakId} is al gepland.");
        RegelSchending.Eis(!string.IsNullOrWhiteSpace(c.RegelingCode), "regeling-onbekend", "Een tijdvak hoort bij een regeling.");
        RegelSchending.Eis(!string.IsNullOrWhiteSpace(c.Naam), "tijdvak-naam-leeg", "Een tijdvak heeft een naam.");
        RegelSchending.Eis(c.Sluit >= c.Opent, "tijdvak-periode-ongeldig",
            $"Een tijdvak sluit niet vóór het opent ({Datum(c.Opent)} – {Datum(c.Sluit)}).");
        if (c.Plafond is { } plafond)
        {
            Bedrag.EisGeldig(plafond, "Het budgetplafond");
        }

        RegelSchending.Eis(c.Uitnodigingen.All(u => !string.IsNullOrWhiteSpace(u)), "uitnodiging-ongeldig",
            "Een uitnodiging noemt een KvK-nummer of OIN.");
        // Budget can only be left over once nobody can apply any more.
        RegelSchending.Eis(c.HerverdelingOp is not { } op || op >= c.Sluit, HerverdelingsdatumVoorSluitingCode,
            $"De herverdelingsdatum ({(c.HerverdelingOp is { } d ? Datum(d) : "")}) ligt vóór de sluitingsdatum ({Datum(c.Sluit)}).");

        return
        [
            new TijdvakGepland(c.TijdvakId, c.RegelingCode, c.Naam.Trim(), c.Opent, c.Sluit, c.Plafond, c.Verdeelmethode, c.Regels,
                [.. c.Uitnodigingen.Select(u => u.Trim()).Distinct(StringComparer.Ordinal)], c.Nu, c.Door, c.HerverdelingOp),
        ];
    }

    private static TijdvakEvent[] Openen(TijdvakOpenen c, TijdvakState state)
    {
        switch (state.Status)
        {
            case TijdvakStatus.Open:
                return []; // the job ran twice
            case TijdvakStatus.Gesloten or TijdvakStatus.Definitief:
                throw new RegelSchending("tijdvak-gesloten", "Dit tijdvak is al gesloten.");
        }

        // REGELINGEN.md (SZGW tranche 2 "not stated: must be set before it opens"); a plafond is known before its tijdvak starts (Awb 4:27).
        var plafond = state.Plafond ?? throw new RegelSchending("plafond-niet-vastgesteld",
            $"Het budgetplafond van {state.Naam} moet vastgesteld zijn voordat het tijdvak opent.");
        RegelSchending.Eis(Amsterdam.Dag(c.Nu) >= state.Opent, "openingsdatum-niet-bereikt",
            $"{state.Naam} opent op {Datum(state.Opent)}.");
        RegelSchending.Eis(c.Nu < Amsterdam.EindeVan(state.Sluit), "sluitingsdatum-verstreken",
            $"{state.Naam} sloot op {Datum(state.Sluit)}.");
        return [new TijdvakGeopend(state.Id, plafond, c.Nu, c.Door)];
    }

    private static TijdvakEvent[] DagAfsluitenBeslissen(DagAfsluiten c, TijdvakState state)
    {
        EisDagVerdeling(state);
        var dag = DagVerdelen(state, new DagOntvangsten(c.Dag, c.Ontvangsten, c.LotingSeed), c.Nu, c.Door);
        return dag is null ? [] : [dag, .. OpschuivenNa(state, [dag], c.Nu, c.Door)];
    }

    private static TijdvakEvent[] Sluiten(TijdvakSluiten c, TijdvakState state)
    {
        switch (state.Status)
        {
            case TijdvakStatus.Gesloten or TijdvakStatus.Definitief:
                return []; // the job ran twice
            case TijdvakStatus.Gepland:
                throw new RegelSchending("tijdvak-niet-open", $"{state.Naam} is nog niet geopend.");
        }

        // LIFECYCLE.md jobs: "at the close moment (end of the close date, Europe/Amsterdam)"; only a beheerder's
        // explicit early close (API.md: "close now") comes sooner.
        var vervroegd = c.Nu < Amsterdam.EindeVan(state.Sluit);
        RegelSchending.Eis(!vervroegd || c.Vervroegd, "sluitingsdatum-niet-bereikt",
            $"{state.Naam} sluit aan het eind van {Datum(state.Sluit)}.");
        RegelSchending.Eis(c.OnafgeslotenDagen.Count == 0 || state.Verdeelmethode == Verdeelmethode.VolgordeVanBinnenkomst,
            "verdeelmethode-rangschikking", "Een tijdvak met rangschikking verdeelt niet per dag.");

        // docs/domain-boundary.md: the lottery is drawn when the day is over "or when the tijdvak closes, whichever comes first".
        var events = new List<TijdvakEvent>();
        var na = state;
        foreach (var dagOntvangsten in c.OnafgeslotenDagen.OrderBy(d => d.Dag))
        {
            if (DagVerdelen(na, dagOntvangsten, c.Nu, c.Door, bijSluiting: true) is { } dag)
            {
                events.Add(dag);
                na = Evolve(na, dag);
            }
        }

        events.Add(new TijdvakGesloten(state.Id, state.Sluit, [.. na.AfgeslotenDagen], c.Nu, c.Door, vervroegd));
        return [.. events];
    }

    private static TijdvakEvent[] ToekenningBoekenBeslissen(ToekenningBoeken c, TijdvakState state)
    {
        var aanvraag = state.Aanvragen.GetValueOrDefault(c.AanvraagId);
        switch (aanvraag?.Status)
        {
            case PlaatsStatus.Toegekend:
                return []; // already booked (a later vrijval may have lowered it since: that is not undone)
            case PlaatsStatus.OpWachtlijst:
                throw new RegelSchending("aanvraag-op-wachtlijst",
                    $"Aanvraag {c.AanvraagId} staat op plaats {PositieOpWachtlijst(state, c.AanvraagId)} van de wachtlijst: toekenning vraagt een plaats (beslag).");
            case null or PlaatsStatus.Vrijgegeven or PlaatsStatus.AfgewezenWegensPlafond:
                throw new RegelSchending("geen-beslag", $"Aanvraag {c.AanvraagId} heeft geen beslag op {state.Naam}: toekenning vraagt een plaats.");
        }

        Bedrag.EisPositief(c.Bedrag, "Het toegekende bedrag");
        // The beslag is what was claimed in order; granting more would take budget from those behind it.
        RegelSchending.Eis(c.Bedrag <= aanvraag.Beslag, "toekenning-boven-beslag",
            $"De toekenning ({Bedrag.Toon(c.Bedrag)}) is hoger dan het beslag ({Bedrag.Toon(aanvraag.Beslag)}).");

        var geboekt = new ToekenningGeboekt(state.Id, c.AanvraagId, aanvraag.Beslag, c.Bedrag, aanvraag.Beslag - c.Bedrag, c.Nu, c.Door);
        return [geboekt, .. OpschuivenNa(state, [geboekt], c.Nu, c.Door)];
    }

    private static TijdvakEvent[] BeslagVrijgevenBeslissen(BeslagVrijgeven c, TijdvakState state)
    {
        var aanvraag = state.Aanvragen.GetValueOrDefault(c.AanvraagId);
        TijdvakEvent vrijgave;
        switch (aanvraag?.Status)
        {
            // Unknown (not yet placed: its day is not settled, so the handler leaves it out then) or already gone: nothing to free.
            case null or PlaatsStatus.Vrijgegeven or PlaatsStatus.AfgewezenWegensPlafond:
                return [];
            case PlaatsStatus.Toegekend:
                throw new RegelSchending("aanvraag-toegekend",
                    $"Aanvraag {c.AanvraagId} is toegekend; een toekenning gaat omlaag met ToegekendVerlagen (Awb 4:48), niet door beslag vrij te geven.");
            case PlaatsStatus.Beslag:
                vrijgave = new BeslagVrijgegeven(state.Id, c.AanvraagId, aanvraag.Beslag, c.Reden, c.Nu, c.Door);
                break;
            default:
                vrijgave = new VanWachtlijstGehaald(state.Id, c.AanvraagId, aanvraag.Bedrag, state.Wachtlijst.IndexOf(c.AanvraagId) + 1, c.Reden, c.Nu, c.Door);
                break;
        }

        return [vrijgave, .. OpschuivenNa(state, [vrijgave], c.Nu, c.Door)];
    }

    private static TijdvakEvent[] ToegekendVerlagenBeslissen(ToegekendVerlagen c, TijdvakState state)
    {
        var aanvraag = state.Aanvragen.GetValueOrDefault(c.AanvraagId);
        if (aanvraag?.Status != PlaatsStatus.Toegekend)
        {
            throw new RegelSchending("niet-toegekend", $"Aanvraag {c.AanvraagId} heeft geen toekenning op {state.Naam}.");
        }

        Bedrag.EisGeldig(c.Bedrag, "Het nieuwe toegekende bedrag");
        if (c.Bedrag == aanvraag.Toegekend)
        {
            return [];
        }

        // Vaststelling is at most the granted amount (Awb 4:46); a higher grant is a new decision, not a vrijval.
        RegelSchending.Eis(c.Bedrag < aanvraag.Toegekend, "verhoging-niet-toegestaan",
            $"Het toegekende bedrag ({Bedrag.Toon(aanvraag.Toegekend)}) kan hier alleen omlaag, niet naar {Bedrag.Toon(c.Bedrag)}.");

        var verlaagd = new ToekenningVerlaagd(state.Id, c.AanvraagId, aanvraag.Toegekend, c.Bedrag, aanvraag.Toegekend - c.Bedrag, c.Reden,
            state.Status == TijdvakStatus.Definitief, c.Nu, c.Door);
        return [verlaagd, .. OpschuivenNa(state, [verlaagd], c.Nu, c.Door)];
    }

    private static TijdvakEvent[] PlafondWijzigen(BudgetplafondWijzigen c, TijdvakState state)
    {
        Bedrag.EisGeldig(c.Bedrag, "Het budgetplafond");
        if (state.Plafond == c.Bedrag)
        {
            return [];
        }

        RegelSchending.Eis(!string.IsNullOrWhiteSpace(c.Reden), "reden-leeg", "Een wijziging van het budgetplafond vraagt een reden.");
        var bezet = state.Beslag + state.Toegekend;
        // LIFECYCLE.md: "A plafond may be lowered only to an amount at or above beslag + toegekend: no aanvraag loses a place it already holds."
        RegelSchending.Eis(c.Bedrag >= bezet, "plafond-onder-beslag",
            $"Het budgetplafond kan niet onder beslag + toegekend ({Bedrag.Toon(bezet)}) komen; gevraagd: {Bedrag.Toon(c.Bedrag)}.");

        var gewijzigd = new BudgetplafondGewijzigd(state.Id, state.Plafond, c.Bedrag, bezet, c.Reden, c.Nu, c.Door);
        return [gewijzigd, .. OpschuivenNa(state, [gewijzigd], c.Nu, c.Door)];
    }

    private static TijdvakEvent[] RangschikkenBeslissen(Rangschikken c, TijdvakState state)
    {
        RegelSchending.Eis(state.Verdeelmethode == Verdeelmethode.Rangschikking, "verdeelmethode-volgorde",
            $"{state.Naam} verdeelt in volgorde van binnenkomst, niet door rangschikking.");
        if (state.Gerangschikt)
        {
            return [];
        }

        // LIFECYCLE.md "Ranking": "when the tijdvak closes and all are assessed".
        RegelSchending.Eis(state.Status == TijdvakStatus.Gesloten, "tijdvak-niet-gesloten",
            $"{state.Naam} wordt gerangschikt nadat het gesloten is.");
        RegelSchending.Eis(c.Beoordeelden.Select(b => b.AanvraagId).Distinct().Count() == c.Beoordeelden.Count, "beoordeelde-dubbel",
            "Een aanvraag komt één keer in de rangschikking.");
        foreach (var b in c.Beoordeelden)
        {
            Bedrag.EisPositief(b.Bedrag, "Het gevraagde bedrag");
        }

        var rangorde = c.Beoordeelden
            .OrderByDescending(b => b.Score)
            .ThenBy(b => b.OntvangenOp)
            .ThenBy(b => b.AanvraagId.ToString("D"), StringComparer.Ordinal)
            .Select((b, i) => new Rangplaats(i + 1, b.AanvraagId, b.Bedrag, b.Score, b.OntvangenOp))
            .ToList();

        var rest = state.Beschikbaar;
        var plaatsingen = new List<Plaatsing>();
        var afwijzingen = new List<PlafondAfwijzing>();
        foreach (var plaats in rangorde)
        {
            // In score order until the first that does not fit: none below it may pass it (the same rule as the wachtlijst).
            if (afwijzingen.Count == 0 && plaats.Bedrag <= rest)
            {
                plaatsingen.Add(new Plaatsing(plaats.AanvraagId, plaats.Bedrag));
                rest -= plaats.Bedrag;
            }
            else
            {
                afwijzingen.Add(new PlafondAfwijzing(plaats.AanvraagId, plaats.Bedrag, plaats.Positie));
            }
        }

        return [new Gerangschikt(state.Id, rangorde, plaatsingen, afwijzingen, state.Plafond ?? 0m, rest, Regelgrond.Rangschikking, c.Nu, c.Door)];
    }

    private static TijdvakEvent[] DefinitiefVerklarenBeslissen(DefinitiefVerklaren c, TijdvakState state)
    {
        if (state.Status == TijdvakStatus.Definitief)
        {
            return [];
        }

        RegelSchending.Eis(state.Status == TijdvakStatus.Gesloten, "tijdvak-niet-gesloten",
            $"{state.Naam} is nog niet gesloten: er kunnen nog aanvragen komen.");
        RegelSchending.Eis(state.Verdeelmethode != Verdeelmethode.Rangschikking || state.Gerangschikt, "nog-niet-gerangschikt",
            $"{state.Naam} is nog niet gerangschikt.");
        var openstaand = state.Aanvragen.Values.Count(a => a.Status == PlaatsStatus.Beslag);
        RegelSchending.Eis(openstaand == 0, "niet-alles-beslist",
            $"{openstaand} aanvragen met beslag op {state.Naam} zijn nog niet beslist.");

        // Awb 4:25 lid 2: whatever is still waiting cannot be granted without exceeding the plafond.
        var afwijzingen = state.Wachtlijst
            .Select((id, i) => new PlafondAfwijzing(id, state.Aanvragen[id].Bedrag, i + 1))
            .ToList();
        return
        [
            new TijdvakDefinitiefVerklaard(state.Id, afwijzingen, state.Plafond ?? 0m, state.Toegekend, state.Beschikbaar,
                PlafondBereiktCode, Regelgrond.PlafondBereikt, c.Nu, c.Door),
        ];
    }

    private static TijdvakEvent[] Overboeken(BudgetOverboeken c, TijdvakState state)
    {
        if (state.Herverdelingen.Contains(c.HerverdelingId))
        {
            return [];
        }

        Bedrag.EisPositief(c.Bedrag, "Het over te boeken bedrag");
        EisRekening(c.Bestemming, state);
        // LIFECYCLE.md: budget that frees up goes to the wachtlijst first; only what nobody waits for may leave.
        RegelSchending.Eis(state.Wachtlijst.IsEmpty, "wachtlijst-niet-leeg",
            $"Op {state.Naam} wachten nog {state.Wachtlijst.Count} aanvragen: vrij budget gaat eerst naar de wachtlijst.");
        // Only unspent budget moves (LIFECYCLE.md jobs "herverdeling"): the invariant holds after the lower plafond.
        RegelSchending.Eis(c.Bedrag <= state.Beschikbaar, "onvoldoende-onbesteed-budget",
            $"Er is {Bedrag.Toon(state.Beschikbaar)} onbesteed op {state.Naam}; {Bedrag.Toon(c.Bedrag)} kan niet worden overgeboekt.");

        var plafond = state.Plafond ?? 0m;
        return [new BudgetOvergeboekt(state.Id, c.HerverdelingId, c.Bestemming, c.Bedrag, plafond, plafond - c.Bedrag, state.Beschikbaar, c.Nu, c.Door)];
    }

    private static TijdvakEvent[] Inboeken(BudgetInboeken c, TijdvakState state)
    {
        if (state.Herverdelingen.Contains(c.HerverdelingId))
        {
            return [];
        }

        Bedrag.EisPositief(c.Bedrag, "Het ontvangen bedrag");
        EisRekening(c.Bron, state);
        var ontvangen = new BudgetOntvangen(state.Id, c.HerverdelingId, c.Bron, c.Bedrag, state.Plafond, (state.Plafond ?? 0m) + c.Bedrag, c.Nu, c.Door);
        return [ontvangen, .. OpschuivenNa(state, [ontvangen], c.Nu, c.Door)];
    }

    private static void EisRekening(Budgetrekening rekening, TijdvakState state)
    {
        switch (rekening)
        {
            case Budgetrekening.AnderTijdvak t:
                RegelSchending.Eis(t.TijdvakId != state.Id, "herverdeling-naar-zelf", "Een herverdeling gaat tussen twee verschillende tijdvakken.");
                break;
            case Budgetrekening.Elders e:
                RegelSchending.Eis(!string.IsNullOrWhiteSpace(e.Omschrijving), "herverdeling-bestemming-leeg", "Herverdeling naar elders noemt de bestemming.");
                break;
        }
    }

    private static void EisDagVerdeling(TijdvakState state)
    {
        switch (state.Status)
        {
            case TijdvakStatus.Gepland:
                throw new RegelSchending("tijdvak-niet-open", $"{state.Naam} is nog niet geopend.");
            case TijdvakStatus.Definitief:
                throw new RegelSchending("tijdvak-definitief", $"{state.Naam} is definitief: er worden geen plaatsen meer verdeeld.");
        }

        RegelSchending.Eis(state.Verdeelmethode == Verdeelmethode.VolgordeVanBinnenkomst, "verdeelmethode-rangschikking",
            $"{state.Naam} verdeelt door rangschikking, niet per dag van ontvangst.");
    }

    /// <summary>
    /// Settles one day (docs/domain-boundary.md "Placement follows the day"). Aanvragen already placed, waiting or decided are
    /// skipped (idempotent per aanvraag id); one that gave up its place for an aanvulling re-enters with its new, later receipt.
    /// If the new ones all fit in what is left (and nobody waits), they get beslag in order of receipt. Otherwise their order is
    /// drawn by <see cref="Loting"/> with the command's seed, they are placed in that order until the first that does not fit,
    /// and that one and all after it go on the wachtlijst in that order: no aanvraag ever passes one that came (or was drawn) before it.
    /// Returns null when there is nothing to record (the day is settled and nothing new came).
    /// </summary>
    private static DagAfgesloten? DagVerdelen(TijdvakState state, DagOntvangsten dag, DateTimeOffset nu, Actor door, bool bijSluiting = false)
    {
        EisDagVerdeling(state);
        // A day is settled only once it is over, so every aanvraag of that day takes part in the same draw; at sluiting
        // (also an early one) the current day counts as over: nothing more arrives (docs/domain-boundary.md "whichever comes first").
        RegelSchending.Eis(bijSluiting ? dag.Dag <= Amsterdam.Dag(nu) : nu >= Amsterdam.EindeVan(dag.Dag), "dag-niet-voorbij",
            $"{Datum(dag.Dag)} is nog niet voorbij.");
        RegelSchending.Eis(dag.Dag >= state.Opent, "dag-voor-opening", $"{state.Naam} opende pas op {Datum(state.Opent)}.");
        RegelSchending.Eis(dag.Ontvangsten.Select(o => o.AanvraagId).Distinct().Count() == dag.Ontvangsten.Count, "ontvangst-dubbel",
            $"Een aanvraag staat twee keer in de ontvangsten van {Datum(dag.Dag)}.");
        // The day's window as two moments: cheaper than converting every receipt to a Dutch date (this runs for every aanvraag).
        var (begin, einde) = (Amsterdam.BeginVan(dag.Dag), Amsterdam.EindeVan(dag.Dag));
        foreach (var o in dag.Ontvangsten)
        {
            Bedrag.EisPositief(o.Bedrag, "Het gevraagde bedrag");
            if (o.OntvangenOp < begin || o.OntvangenOp >= einde)
            {
                throw new RegelSchending("ontvangst-andere-dag",
                    $"Aanvraag {o.AanvraagId} werd ontvangen op {Datum(Amsterdam.Dag(o.OntvangenOp))}, niet op {Datum(dag.Dag)}.");
            }

            if (o.OntvangenOp > nu)
            {
                throw new RegelSchending("ontvangst-in-de-toekomst", $"Aanvraag {o.AanvraagId} kan niet na dit moment ontvangen zijn.");
            }
        }

        var nieuw = InOntvangstvolgorde(dag.Ontvangsten.Where(o => IsNieuw(state, o)));
        if (nieuw.Count == 0 && state.AfgeslotenDagen.Contains(dag.Dag))
        {
            return null;
        }

        var voor = state.Beschikbaar;
        // Nobody passes the wachtlijst: while someone waits, today's aanvragen queue behind them.
        var ruimte = state.Wachtlijst.IsEmpty ? voor : 0m;
        var passenAllemaal = nieuw.Sum(o => o.Bedrag) <= ruimte;

        LotingUitslag? loting = null;
        var volgorde = nieuw;
        if (!passenAllemaal && nieuw.Count > 1)
        {
            volgorde = Gedeeld.Loting.Schud(nieuw, dag.LotingSeed);
            loting = new LotingUitslag(dag.LotingSeed, [.. nieuw.Select(o => o.AanvraagId)], [.. volgorde.Select(o => o.AanvraagId)]);
        }

        var plaatsingen = new List<Plaatsing>();
        var wachtlijst = new List<WachtlijstPlaatsing>();
        var rest = ruimte;
        foreach (var o in volgorde)
        {
            if (wachtlijst.Count == 0 && o.Bedrag <= rest)
            {
                plaatsingen.Add(new Plaatsing(o.AanvraagId, o.Bedrag));
                rest -= o.Bedrag;
            }
            else
            {
                wachtlijst.Add(new WachtlijstPlaatsing(o.AanvraagId, o.Bedrag, state.Wachtlijst.Count + wachtlijst.Count + 1));
            }
        }

        return new DagAfgesloten(state.Id, dag.Dag, nieuw, loting, plaatsingen, wachtlijst, voor, voor - plaatsingen.Sum(p => p.Bedrag),
            loting is null ? Regelgrond.VolgordeVanOntvangst : Regelgrond.Loting, nu, door);
    }

    private static bool IsNieuw(TijdvakState state, Ontvangst o) =>
        !state.Aanvragen.TryGetValue(o.AanvraagId, out var bekend)
        || (bekend.Status == PlaatsStatus.Vrijgegeven && o.OntvangenOp > bekend.OntvangenOp);

    /// <summary>After budget came free (or the head of the wachtlijst left), place the head of the wachtlijst in order
    /// as far as it fits (LIFECYCLE.md: freed budget "goes to the wachtlijst first, in order"). Not once the tijdvak is final.</summary>
    private static WachtlijstOpgeschoven[] OpschuivenNa(TijdvakState voor, IEnumerable<TijdvakEvent> events, DateTimeOffset nu, Actor door)
    {
        var state = events.Aggregate(voor, Evolve);
        if (state.Status == TijdvakStatus.Definitief || state.Wachtlijst.IsEmpty)
        {
            return [];
        }

        var beschikbaar = state.Beschikbaar;
        var rest = beschikbaar;
        var plaatsingen = new List<Plaatsing>();
        foreach (var id in state.Wachtlijst)
        {
            var bedrag = state.Aanvragen[id].Bedrag;
            if (bedrag > rest)
            {
                break;
            }

            plaatsingen.Add(new Plaatsing(id, bedrag));
            rest -= bedrag;
        }

        return plaatsingen.Count == 0
            ? []
            : [new WachtlijstOpgeschoven(state.Id, plaatsingen, beschikbaar, rest, state.Wachtlijst.Count - plaatsingen.Count, Regelgrond.Wachtlijst, nu, door)];
    }

    private static TijdvakState DagToepassen(TijdvakState state, DagAfgesloten e)
    {
        var ontvangen = e.Ontvangsten.ToDictionary(o => o.AanvraagId, o => o.OntvangenOp);
        var aanvragen = state.Aanvragen;
        var wachtlijst = state.Wachtlijst;
        var beslag = state.Beslag;
        foreach (var p in e.Plaatsingen)
        {
            aanvragen = Nieuw(aanvragen, new AanvraagInTijdvak(p.AanvraagId, PlaatsStatus.Beslag, p.Bedrag, ontvangen[p.AanvraagId], p.Bedrag, 0m));
            beslag += p.Bedrag;
        }

        foreach (var w in e.OpWachtlijst)
        {
            if (w.Positie != wachtlijst.Count + 1)
            {
                throw new InvalidOperationException($"Wachtlijst position {w.Positie} of {w.AanvraagId} does not follow the {wachtlijst.Count} already waiting.");
            }

            aanvragen = Nieuw(aanvragen, new AanvraagInTijdvak(w.AanvraagId, PlaatsStatus.OpWachtlijst, w.Bedrag, ontvangen[w.AanvraagId], 0m, 0m));
            wachtlijst = wachtlijst.Add(w.AanvraagId);
        }

        return state with { Aanvragen = aanvragen, Wachtlijst = wachtlijst, Beslag = beslag, AfgeslotenDagen = state.AfgeslotenDagen.Add(e.Dag) };
    }

    private static TijdvakState Opschuiven(TijdvakState state, WachtlijstOpgeschoven e)
    {
        var wachtlijst = state.Wachtlijst;
        var aanvragen = state.Aanvragen;
        var beslag = state.Beslag;
        foreach (var p in e.Plaatsingen)
        {
            // The wachtlijst only ever moves from its head: anything else would let an aanvraag pass one before it.
            if (wachtlijst.IsEmpty || wachtlijst[0] != p.AanvraagId)
            {
                throw new InvalidOperationException($"Aanvraag {p.AanvraagId} was placed from the wachtlijst out of order.");
            }

            wachtlijst = wachtlijst.RemoveAt(0);
            aanvragen = aanvragen.SetItem(p.AanvraagId, aanvragen[p.AanvraagId] with { Status = PlaatsStatus.Beslag, Beslag = p.Bedrag });
            beslag += p.Bedrag;
        }

        return state with { Wachtlijst = wachtlijst, Aanvragen = aanvragen, Beslag = beslag };
    }

    private static TijdvakState RangordeToepassen(TijdvakState state, Gerangschikt e)
    {
        var ontvangen = e.Rangorde.ToDictionary(r => r.AanvraagId, r => r.OntvangenOp);
        var aanvragen = state.Aanvragen;
        var beslag = state.Beslag;
        foreach (var p in e.Plaatsingen)
        {
            aanvragen = Nieuw(aanvragen, new AanvraagInTijdvak(p.AanvraagId, PlaatsStatus.Beslag, p.Bedrag, ontvangen[p.AanvraagId], p.Bedrag, 0m));
            beslag += p.Bedrag;
        }

        foreach (var a in e.Afwijzingen)
        {
            aanvragen = Nieuw(aanvragen, new AanvraagInTijdvak(a.AanvraagId, PlaatsStatus.AfgewezenWegensPlafond, a.Bedrag, ontvangen[a.AanvraagId], 0m, 0m));
        }

        return state with { Aanvragen = aanvragen, Beslag = beslag, Gerangschikt = true };
    }

    private static TijdvakState Definitief(TijdvakState state, TijdvakDefinitiefVerklaard e)
    {
        if (!e.Afwijzingen.Select(a => a.AanvraagId).SequenceEqual(state.Wachtlijst))
        {
            throw new InvalidOperationException("The refusals at definitief must be exactly the wachtlijst, in order.");
        }

        var aanvragen = state.Aanvragen;
        foreach (var a in e.Afwijzingen)
        {
            aanvragen = aanvragen.SetItem(a.AanvraagId, aanvragen[a.AanvraagId] with { Status = PlaatsStatus.AfgewezenWegensPlafond });
        }

        return state with { Status = TijdvakStatus.Definitief, Aanvragen = aanvragen, Wachtlijst = [] };
    }

    // An aanvraag enters the ledger once, or again after it gave up its place (aanvulling); never while it holds one.
    private static ImmutableDictionary<Guid, AanvraagInTijdvak> Nieuw(ImmutableDictionary<Guid, AanvraagInTijdvak> aanvragen, AanvraagInTijdvak aanvraag) =>
        aanvragen.TryGetValue(aanvraag.AanvraagId, out var bekend) && bekend.Status != PlaatsStatus.Vrijgegeven
            ? throw new InvalidOperationException($"Aanvraag {aanvraag.AanvraagId} already has status {bekend.Status} in this tijdvak.")
            : aanvragen.SetItem(aanvraag.AanvraagId, aanvraag);

    private static TijdvakState Wijzig(TijdvakState state, Guid aanvraagId, PlaatsStatus verwacht, Func<AanvraagInTijdvak, AanvraagInTijdvak> wijziging)
    {
        var aanvraag = state.Aanvragen.GetValueOrDefault(aanvraagId);
        return aanvraag?.Status == verwacht
            ? state with { Aanvragen = state.Aanvragen.SetItem(aanvraagId, wijziging(aanvraag)) }
            : throw new InvalidOperationException($"Aanvraag {aanvraagId} has status {aanvraag?.Status.ToString() ?? "unknown"}, expected {verwacht}.");
    }

    // LIFECYCLE.md "The invariant": beslag + toegekend never exceeds the plafond. Decide guarantees it; this catches a bug.
    private static TijdvakState Invariant(TijdvakState state) =>
        state.Beslag < 0m || state.Toegekend < 0m || state.Beslag + state.Toegekend > (state.Plafond ?? 0m)
            ? throw new InvalidOperationException(
                $"Invariant broken in tijdvak {state.Id}: beslag {state.Beslag} + toegekend {state.Toegekend} > plafond {state.Plafond}.")
            : state;

    private static readonly CultureInfo Nederlands = CultureInfo.GetCultureInfo("nl-NL");

    private static string Datum(DateOnly dag) => dag.ToString("d MMMM yyyy", Nederlands);
}
