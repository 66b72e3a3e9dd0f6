using System.Globalization;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Aanvragen;

/// <summary>
/// The Aanvraag aggregate (stream <c>aanvraag-{guid}</c>): the pure functions <see cref="Decide"/> and
/// <see cref="Evolve"/> over <see cref="AanvraagState"/>, following LIFECYCLE.md "Aanvraag states" and
/// docs/domain-boundary.md. It never calls the Tijdvak aggregate: its events carry the beslag and amounts
/// before and after, and the handler turns them into tijdvak commands in the same transaction.
/// </summary>
public static class Aanvraag
{
    /// <summary>Awb 4:13 leaves the term to the regeling; LIFECYCLE.md sets 13 weeks as the default.</summary>
    public const int StandaardBeslistermijnWeken = 13;

    public const int StandaardAanvullingstermijnDagen = 14;

    /// <summary>Six weeks (Awb 6:7), counted from the day after the besluit was made known (Awb 6:8).</summary>
    public const int BezwaartermijnDagen = 42;

    /// <summary>The daily job flags an aanvraag as "bijna verlopen" this many days before its beslistermijn ends.</summary>
    public const int BijnaVerlopenDagen = 14;

    public const string OngeldigeOvergang = "ongeldige-overgang";

    public static Decider<AanvraagCommand, AanvraagEvent, AanvraagState> Decider { get; } =
        new(Decide, Evolve, AanvraagState.Begin);

    /// <summary>The events of an accepted command (none when it was already applied), or a <see cref="RegelSchending"/>.</summary>
    public static IReadOnlyList<AanvraagEvent> Decide(AanvraagCommand command, AanvraagState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status != AanvraagStatus.Nieuw && command.AanvraagId != state.AanvraagId)
        {
            throw new ArgumentException($"Command for aanvraag {command.AanvraagId} given the state of {state.AanvraagId}.", nameof(command));
        }

        return command switch
        {
            Indienen c => Dien(c, state),
            PlaatsToewijzen c => WijsPlaatsToe(c, state),
            OpWachtlijstPlaatsen c => PlaatsOpWachtlijst(c, state),
            AfwijzenWegensPlafond c => WijsAfWegensPlafond(c, state),
            InBehandelingNemen c => NeemInBehandeling(c, state),
            AanvullingVragen c => VraagAanvulling(c, state),
            AanvullingAanleveren c => OntvangAanvulling(c, state),
            BuitenBehandelingStellen c => StelBuitenBehandeling(c, state),
            Beoordelen c => Beoordeel(c, state),
            Toekennen c => Beslis(state, c.BesluitId, new Voorstel(BesluitSoort.Toekenning, c.Bedrag, null, null), c.VierOgenDrempel, c.Door, c.Nu),
            Afwijzen c => Beslis(state, c.BesluitId, new Voorstel(BesluitSoort.Afwijzing, state.AangevraagdBedrag, c.Reden, c.Toelichting), c.VierOgenDrempel, c.Door, c.Nu),
            Vaststellen c => Beslis(state, c.BesluitId, new Voorstel(BesluitSoort.Vaststelling, c.Bedrag, null, c.Toelichting), c.VierOgenDrempel, c.Door, c.Nu),
            ToekenningIntrekken c => Beslis(state, c.BesluitId, new Voorstel(BesluitSoort.Intrekking, c.Bedrag, c.Reden, null), c.VierOgenDrempel, c.Door, c.Nu),
            BesluitGoedkeuren c => KeurGoed(c, state),
            BesluitAfkeuren c => KeurAf(c, state),
            Intrekken c => TrekIn(c, state),
            VoorschotVerstrekken c => VerstrekVoorschot(c, state),
            VerantwoordingIndienen c => Verantwoord(c, state),
            BeslistermijnVerlengen c => Verleng(c, state),
            BezwaarIndienen c => MaakBezwaar(c, state),
            BezwaarBeslissen c => BeslisBezwaar(c, state),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown aanvraag command."),
        };
    }

    // ---------------------------------------------------------------- submission and placement

    private static IReadOnlyList<AanvraagEvent> Dien(Indienen c, AanvraagState s)
    {
        EisStatus(s, "Indienen", AanvraagStatus.Nieuw);
        RegelSchending.Eis(RegelingCalculators.IsBekend(c.RegelingCode), "regeling-onbekend", $"Er is geen regeling '{c.RegelingCode}'.");
        RegelSchending.Eis(
            c.Gegevens.RegelingCode == c.RegelingCode && c.Parameters.RegelingCode == c.RegelingCode,
            "regeling-komt-niet-overeen",
            $"De gegevens ({c.Gegevens.RegelingCode}) en de regels ({c.Parameters.RegelingCode}) horen niet bij regeling {c.RegelingCode}.");
        RegelSchending.Eis(c.BeslistermijnWeken > 0, "beslistermijn-ongeldig", "De beslistermijn moet minstens één week zijn (Awb 4:13).");

        // The calculator judges the gegevens against the rules version in force on the day of receipt; every
        // violation is reported at once (the API lists them all), the first one gives the problem code.
        var context = new AanvraagContext(Amsterdam.Dag(c.Nu), c.Aanvrager.Type, c.Parameters, c.TijdvakRegels);
        var beoordeling = RegelingCalculators.Voor(c.RegelingCode).Beoordeel(c.Gegevens, context);
        if (!beoordeling.Voldoet)
        {
            var eerste = beoordeling.Overtredingen[0];
            var melding = beoordeling.Overtredingen.Count == 1
                ? eerste.Melding
                : $"De aanvraag voldoet aan {beoordeling.Overtredingen.Count} regels van {c.RegelingCode} niet; de eerste: {eerste.Melding}";
            throw new RegelSchending(eerste.Code, melding, beoordeling.Overtredingen);
        }

        Bedrag.EisPositief(beoordeling.AangevraagdBedrag, "Het aangevraagde bedrag");
        return
        [
            new AanvraagIngediend(
                c.AanvraagId, c.RegelingCode, c.TijdvakId, c.Aanvrager, c.Gegevens, beoordeling.AangevraagdBedrag,
                c.RegelsVersie, c.Parameters, c.TijdvakRegels, c.BeslistermijnWeken, c.Nu, c.Door, Grondslagen.Aanvraag),
        ];
    }

    private static IReadOnlyList<AanvraagEvent> WijsPlaatsToe(PlaatsToewijzen c, AanvraagState s)
    {
        EisStatus(s, "Een plaats toewijzen", AanvraagStatus.Ingediend, AanvraagStatus.InBehandeling, AanvraagStatus.OpWachtlijst);
        Bedrag.EisPositief(c.Bedrag, "Het beslag");
        if (s.HeeftPlaats)
        {
            // The tijdvak's settlement is idempotent per aanvraag; a repeated placement changes nothing.
            RegelSchending.Eis(s.Beslag == c.Bedrag, OngeldigeOvergang, $"De aanvraag houdt al beslag van {Bedrag.Toon(s.Beslag)}.");
            return [];
        }

        RegelSchending.Eis(
            c.Bedrag <= s.AangevraagdBedrag,
            "beslag-boven-aangevraagd",
            $"Het beslag ({Bedrag.Toon(c.Bedrag)}) is hoger dan het aangevraagde bedrag ({Bedrag.Toon(s.AangevraagdBedrag)}).");
        return [new AanvraagPlaatsToegewezen(c.AanvraagId, s.Beslag, c.Bedrag, s.WachtlijstPositie, c.Nu, c.Door, Grondslagen.Verdeling)];
    }

    private static IReadOnlyList<AanvraagEvent> PlaatsOpWachtlijst(OpWachtlijstPlaatsen c, AanvraagState s)
    {
        EisStatus(s, "Op de wachtlijst plaatsen", AanvraagStatus.Ingediend, AanvraagStatus.InBehandeling, AanvraagStatus.OpWachtlijst);
        RegelSchending.Eis(c.Positie >= 1, "positie-ongeldig", "Een plaats op de wachtlijst telt vanaf 1.");

        // LIFECYCLE.md: no aanvraag loses a place it already holds.
        RegelSchending.Eis(!s.HeeftPlaats, OngeldigeOvergang, "De aanvraag houdt al een plaats op het budget en gaat niet terug naar de wachtlijst.");
        if (s.WachtlijstPositie == c.Positie)
        {
            return [];
        }

        return [new AanvraagOpWachtlijstGeplaatst(c.AanvraagId, c.Positie, s.WachtlijstPositie, c.Nu, c.Door, Grondslagen.Verdeling)];
    }

    private static IReadOnlyList<AanvraagEvent> WijsAfWegensPlafond(AfwijzenWegensPlafond c, AanvraagState s)
    {
        if (s.Status == AanvraagStatus.Afgewezen && s.Besluiten[^1].Reden == AfwijzingsRedenen.PlafondBereikt)
        {
            return [];
        }

        EisStatus(s, "Afwijzen wegens het plafond", AanvraagStatus.Ingediend, AanvraagStatus.InBehandeling, AanvraagStatus.OpWachtlijst);
        RegelSchending.Eis(!s.HeeftPlaats, OngeldigeOvergang, "De aanvraag houdt een plaats op het budget; het plafond is voor haar niet bereikt.");
        return
        [
            new AanvraagAfgewezen(
                c.AanvraagId, c.BesluitId, AfwijzingsRedenen.PlafondBereikt,
                "Het subsidieplafond van het tijdvak is bereikt; de subsidie wordt geweigerd.",
                s.AangevraagdBedrag, s.Beslag, s.WachtlijstPositie, null, c.Nu, c.Door, Grondslagen.Plafond),
        ];
    }

    // ---------------------------------------------------------------- treatment

    private static IReadOnlyList<AanvraagEvent> NeemInBehandeling(InBehandelingNemen c, AanvraagState s)
    {
        // A wachtlijst aanvraag may be assessed (and refused) while it waits (LIFECYCLE.md: a case handler works on it;
        // only a toekenning needs a place); it keeps its place on the wachtlijst.
        if (s is not { Status: AanvraagStatus.OpWachtlijst, StatusVoorWachtlijst: AanvraagStatus.Ingediend })
        {
            EisStatus(s, "In behandeling nemen", AanvraagStatus.Ingediend);
        }

        return [new AanvraagInBehandelingGenomen(c.AanvraagId, s.Status, null, c.Nu, c.Door, Grondslagen.Behandeling)];
    }

    private static IReadOnlyList<AanvraagEvent> VraagAanvulling(AanvullingVragen c, AanvraagState s)
    {
        EisStatus(s, "Een aanvulling vragen", AanvraagStatus.Ingediend, AanvraagStatus.OpWachtlijst, AanvraagStatus.InBehandeling);
        EisGeenOpenBesluit(s);
        RegelSchending.Eis(!string.IsNullOrWhiteSpace(c.Omschrijving), "omschrijving-ontbreekt", "Zeg wat er ontbreekt (Awb 4:5).");
        RegelSchending.Eis(c.TermijnDagen >= 1, "termijn-ongeldig", "De aanvullingstermijn moet minstens één dag zijn (Awb 4:5).");
        var uiterlijk = Amsterdam.Dag(c.Nu).AddDays(c.TermijnDagen);

        // The aanvraag turned out incomplete, so it cannot keep its place in the order of receipt: the handler
        // frees its beslag or wachtlijst place, and it re-enters when the aanvulling completes it (domain-boundary.md).
        return
        [
            new AanvullingGevraagd(
                c.AanvraagId, c.Omschrijving, c.TermijnDagen, uiterlijk, s.Status, s.Beslag, s.WachtlijstPositie,
                c.Nu, c.Door, Grondslagen.Aanvulling),
        ];
    }

    private static IReadOnlyList<AanvraagEvent> OntvangAanvulling(AanvullingAanleveren c, AanvraagState s)
    {
        EisStatus(s, "Een aanvulling aanleveren", AanvraagStatus.AanvullingGevraagd);
        var aanvulling = s.Aanvulling!;

        // Awb 4:15 lid 1 onder a: the term is suspended from the request until the day the aanvraag is completed
        // or the aanvullingstermijn passed unused, whichever comes first. An aanvulling after that term is still
        // accepted while the aanvraag was not set aside, but the suspension stops at the term's end.
        var vandaag = Amsterdam.Dag(c.Nu);
        var tot = vandaag < aanvulling.Uiterlijk ? vandaag : aanvulling.Uiterlijk;
        // Judged by the rules version in force on the day it became complete (the issue's rule; Awb 4:1-4:5).
        int? versie = null;
        decimal? bedrag = null;
        IReadOnlyList<RegelOvertreding>? overtredingen = null;
        if (c.RegelsVersie is { } nieuw && nieuw != s.RegelsVersie && c.Parameters is not null)
        {
            var beoordeling = RegelingCalculators.Voor(s.RegelingCode).Beoordeel(
                s.Gegevens!, new AanvraagContext(vandaag, s.Aanvrager!.Type, c.Parameters, c.TijdvakRegels ?? TijdvakRegels.Geen));
            (versie, bedrag, overtredingen) = (nieuw, beoordeling.AangevraagdBedrag, beoordeling.Overtredingen);
        }
        return
        [
            new AanvullingOntvangen(
                c.AanvraagId, c.Toelichting, aanvulling.GevraagdOp, tot, tot.DayNumber - aanvulling.GevraagdOp.DayNumber,
                c.Nu, c.Door, Grondslagen.Opschorting, versie, bedrag, overtredingen),
        ];
    }

    private static IReadOnlyList<AanvraagEvent> StelBuitenBehandeling(BuitenBehandelingStellen c, AanvraagState s)
    {
        if (s.Status == AanvraagStatus.BuitenBehandeling)
        {
            return [];
        }

        EisStatus(s, "Buiten behandeling stellen", AanvraagStatus.AanvullingGevraagd);
        var uiterlijk = s.Aanvulling!.Uiterlijk;
        RegelSchending.Eis(
            Amsterdam.Dag(c.Nu) > uiterlijk,
            "aanvullingstermijn-loopt-nog",
            $"De aanvullingstermijn loopt tot en met {Datum(uiterlijk)}; pas daarna mag de aanvraag buiten behandeling worden gesteld (Awb 4:5).");
        return [new AanvraagBuitenBehandelingGesteld(c.AanvraagId, c.BesluitId, uiterlijk, c.Nu, c.Door, Grondslagen.BuitenBehandeling)];
    }

    private static IReadOnlyList<AanvraagEvent> Beoordeel(Beoordelen c, AanvraagState s)
    {
        EisInBehandeling(s, "Beoordelen");
        RegelSchending.Eis(c.Score is null or >= 0 and <= 100, "score-ongeldig", "Een score ligt tussen 0 en 100.");
        RegelSchending.Eis(!c.ScoreVerplicht || c.Advies == Advies.Negatief || c.Score is not null, "score-verplicht",
            "Dit tijdvak verdeelt door rangschikking op score: een positieve beoordeling heeft een score (0-100).");
        return [new AanvraagBeoordeeld(c.AanvraagId, c.Advies, c.Score, c.Toelichting, c.Nu, c.Door, Grondslagen.Behandeling)];
    }

    private static IReadOnlyList<AanvraagEvent> TrekIn(Intrekken c, AanvraagState s)
    {
        if (s.Status == AanvraagStatus.Ingetrokken)
        {
            return [];
        }

        // LIFECYCLE.md: the aanvrager may withdraw any time before a decision; after one, bezwaar is the way.
        EisStatus(
            s, "Intrekken door de aanvrager",
            AanvraagStatus.Ingediend, AanvraagStatus.OpWachtlijst, AanvraagStatus.InBehandeling, AanvraagStatus.AanvullingGevraagd);
        return
        [
            new AanvraagIngetrokken(
                c.AanvraagId, s.Status, c.Toelichting, s.AangevraagdBedrag, s.Beslag, s.WachtlijstPositie,
                c.Nu, c.Door, Grondslagen.IntrekkingAanvraag),
        ];
    }

    private static IReadOnlyList<AanvraagEvent> Verleng(BeslistermijnVerlengen c, AanvraagState s)
    {
        EisStatus(
            s, "De beslistermijn verlengen",
            AanvraagStatus.Ingediend, AanvraagStatus.OpWachtlijst, AanvraagStatus.InBehandeling, AanvraagStatus.AanvullingGevraagd);
        RegelSchending.Eis(c.Weken >= 1, "verlenging-ongeldig", "Verleng met minstens één week.");
        RegelSchending.Eis(!string.IsNullOrWhiteSpace(c.Reden), "motivering-ontbreekt", "Zeg waarom de beslistermijn wordt verlengd (Awb 4:14 lid 3).");
        RegelSchending.Eis(s.VerlengingWeken is null, "beslistermijn-al-verlengd", "De beslistermijn is al eens verlengd; Awb 4:14 staat één verlenging toe.");
        var termijn = Beslistermijn(s);

        // Awb 4:14 lid 3: the aanvrager is told before the term ends; an expired term cannot be extended.
        RegelSchending.Eis(
            Amsterdam.Dag(c.Nu) <= termijn,
            "beslistermijn-verstreken",
            $"De beslistermijn is op {Datum(termijn)} verstreken en kan niet meer worden verlengd (Awb 4:14 lid 3).");
        return [new BeslistermijnVerlengd(c.AanvraagId, c.Weken, termijn, termijn.AddDays(7 * c.Weken), c.Reden, c.Nu, c.Door, Grondslagen.Verlenging)];
    }

    // ---------------------------------------------------------------- decisions and four-eyes

    /// <summary>A decision as proposed: what <see cref="BesluitVoorgesteld"/> records and <see cref="BesluitGoedkeuren"/> executes.</summary>
    private sealed record Voorstel(BesluitSoort Soort, decimal Bedrag, string? Reden, string? Toelichting);

    /// <summary>Checks a decision and either takes it (at or below the threshold) or proposes it for four-eyes.</summary>
    private static IReadOnlyList<AanvraagEvent> Beslis(AanvraagState s, Guid besluitId, Voorstel v, decimal drempel, Actor door, DateTimeOffset nu)
    {
        // A retry of a decision already taken or proposed (same besluit id) changes nothing.
        if (s.Besluiten.Exists(b => b.BesluitId == besluitId) || s.OpenBesluit?.BesluitId == besluitId)
        {
            return [];
        }

        EisGeenOpenBesluit(s);
        Controleer(s, v);

        // LIFECYCLE.md: above a configurable amount a second, different behandelaar approves before it takes effect.
        // A vaststelling is weighed by the granted amount it settles: setting €0 on a large toekenning weighs as much.
        var gewicht = v.Soort == BesluitSoort.Vaststelling ? s.Toegekend : v.Bedrag;
        if (gewicht > drempel)
        {
            return [new BesluitVoorgesteld(s.AanvraagId, besluitId, v.Soort, v.Bedrag, v.Reden, v.Toelichting, drempel, nu, door, Grondslagen.VierOgen)];
        }

        return VoerUit(s, besluitId, v, door, null, nu);
    }

    private static void Controleer(AanvraagState s, Voorstel v)
    {
        switch (v.Soort)
        {
            case BesluitSoort.Toekenning:
                EisInBehandeling(s, "Toekennen");
                ControleerToekenningsbedrag(s, v.Bedrag, 0m);
                RegelSchending.Eis(
                    s.HeeftPlaats,
                    "geen-plaats",
                    "De aanvraag heeft geen plaats op het budget van het tijdvak (nog niet geplaatst of op de wachtlijst); toekennen kan pas met beslag.");
                break;
            case BesluitSoort.Afwijzing:
                EisInBehandeling(s, "Afwijzen");
                RegelSchending.Eis(
                    v.Reden is not null && AfwijzingsRedenen.Alle.Contains(v.Reden),
                    "reden-onbekend",
                    $"Een afwijzing heeft als reden {string.Join(", ", AfwijzingsRedenen.Alle)}.");
                RegelSchending.Eis(!string.IsNullOrWhiteSpace(v.Toelichting), "motivering-ontbreekt", "Een afwijzing moet worden gemotiveerd (Awb 3:46).");
                break;
            case BesluitSoort.Vaststelling:
                EisStatus(s, "Vaststellen", AanvraagStatus.VerantwoordingIngediend);
                ControleerVaststellingsbedrag(s, v.Bedrag, 0m);
                break;
            case BesluitSoort.Intrekking:
                EisStatus(s, "De toekenning intrekken", AanvraagStatus.Toegekend, AanvraagStatus.VerantwoordingIngediend);
                Bedrag.EisPositief(v.Bedrag, "Het in te trekken bedrag");
                RegelSchending.Eis(
                    v.Bedrag <= s.Toegekend,
                    "intrekking-boven-toekenning",
                    $"Er is {Bedrag.Toon(s.Toegekend)} toegekend; meer kan niet worden ingetrokken (Awb 4:48).");
                RegelSchending.Eis(!string.IsNullOrWhiteSpace(v.Reden), "motivering-ontbreekt", "Een intrekking moet worden gemotiveerd (Awb 3:46).");
                break;
            case BesluitSoort.BuitenBehandeling:
            default:
                throw new InvalidOperationException($"{v.Soort} is not a four-eyes decision.");
        }
    }

    private static void ControleerToekenningsbedrag(AanvraagState s, decimal bedrag, decimal minimum)
    {
        Bedrag.EisPositief(bedrag, "Het toe te kennen bedrag");
        RegelSchending.Eis(
            bedrag <= s.AangevraagdBedrag,
            "boven-aangevraagd-bedrag",
            $"Er kan niet meer worden toegekend dan is aangevraagd ({Bedrag.Toon(s.AangevraagdBedrag)}).");

        // After a bezwaar of the aanvrager the decision may not become worse for him (Awb 7:11, no reformatio in peius).
        RegelSchending.Eis(
            bedrag >= minimum,
            "verslechtering-na-bezwaar",
            $"Na bezwaar kan de toekenning niet lager worden dan {Bedrag.Toon(minimum)}.");
    }

    private static void ControleerVaststellingsbedrag(AanvraagState s, decimal bedrag, decimal minimum)
    {
        Bedrag.EisGeldig(bedrag, "Het vast te stellen bedrag");
        RegelSchending.Eis(
            bedrag <= s.Toegekend,
            "vaststelling-boven-toekenning",
            $"De subsidie wordt ten hoogste vastgesteld op het toegekende bedrag ({Bedrag.Toon(s.Toegekend)}, Awb 4:46 lid 1).");
        RegelSchending.Eis(
            bedrag >= minimum,
            "verslechtering-na-bezwaar",
            $"Na bezwaar kan de vaststelling niet lager worden dan {Bedrag.Toon(minimum)}.");
    }

    /// <summary>The events of a decision taking effect; <paramref name="goedkeurder"/> is set when four-eyes applied.</summary>
    private static IReadOnlyList<AanvraagEvent> VoerUit(AanvraagState s, Guid besluitId, Voorstel v, Actor door, Actor? goedkeurder, DateTimeOffset nu) =>
        v.Soort switch
        {
            BesluitSoort.Toekenning =>
            [
                new AanvraagToegekend(
                    s.AanvraagId, besluitId, s.AangevraagdBedrag, s.Toegekend, v.Bedrag, s.Beslag, s.RegelsVersie,
                    goedkeurder, null, nu, door, Grondslagen.Verlening),
            ],
            BesluitSoort.Afwijzing =>
            [
                new AanvraagAfgewezen(
                    s.AanvraagId, besluitId, v.Reden!, v.Toelichting!, s.AangevraagdBedrag, s.Beslag, s.WachtlijstPositie,
                    goedkeurder, nu, door, v.Reden == AfwijzingsRedenen.PlafondBereikt ? Grondslagen.Plafond : Grondslagen.Weigering),
            ],
            BesluitSoort.Vaststelling => Vaststelling(s, besluitId, v.Bedrag, v.Toelichting, goedkeurder, null, door, nu),
            BesluitSoort.Intrekking => Intrekking(s, besluitId, v.Bedrag, v.Reden!, goedkeurder, door, nu),
            _ => throw new InvalidOperationException($"{v.Soort} is not a four-eyes decision."),
        };

    private static IReadOnlyList<AanvraagEvent> Vaststelling(
        AanvraagState s, Guid besluitId, decimal bedrag, string? toelichting, Actor? goedkeurder, Guid? bezwaarId, Actor door, DateTimeOffset nu)
    {
        // Awb 4:42/4:46: the amount due is the vastgesteld amount minus what was paid (net of earlier reclaims);
        // when the voorschotten exceed it, the difference is reclaimed (Awb 4:57).
        var betaald = s.NettoBetaald;
        var grondslag = bezwaarId is null ? Grondslagen.Vaststelling : $"{Grondslagen.Heroverweging}; {Grondslagen.Vaststelling}";
        var vastgesteld = new SubsidieVastgesteld(
            s.AanvraagId, besluitId, s.Toegekend, s.Vastgesteld, bedrag, betaald, Math.Max(0m, bedrag - betaald),
            s.Toegekend - bedrag, toelichting, goedkeurder, bezwaarId, nu, door, grondslag);
        return betaald > bedrag
            ? [vastgesteld, new TerugvorderingVastgesteld(s.AanvraagId, besluitId, betaald - bedrag, betaald, bedrag, nu, door, Grondslagen.Terugvordering)]
            : [vastgesteld];
    }

    private static IReadOnlyList<AanvraagEvent> Intrekking(
        AanvraagState s, Guid besluitId, decimal bedrag, string reden, Actor? goedkeurder, Actor door, DateTimeOffset nu)
    {
        var na = s.Toegekend - bedrag;
        var betaald = s.NettoBetaald;
        var ingetrokken = new ToekenningIngetrokken(
            s.AanvraagId, besluitId, bedrag, s.Toegekend, na, na == 0m, reden, goedkeurder, nu, door, Grondslagen.IntrekkingToekenning);

        // What was advanced above the remaining subsidy is paid without a ground and is reclaimed (Awb 4:57).
        return betaald > na
            ? [ingetrokken, new TerugvorderingVastgesteld(s.AanvraagId, besluitId, betaald - na, betaald, na, nu, door, Grondslagen.Terugvordering)]
            : [ingetrokken];
    }

    private static IReadOnlyList<AanvraagEvent> KeurGoed(BesluitGoedkeuren c, AanvraagState s)
    {
        if (s.Besluiten.Exists(b => b.BesluitId == c.BesluitId))
        {
            return [];
        }

        var open = s.OpenBesluit;
        RegelSchending.Eis(open?.BesluitId == c.BesluitId, "besluit-niet-gevonden", "Er wacht geen besluit met dit id op goedkeuring.");

        // Four-eyes (LIFECYCLE.md): the approver must be another person than the proposer, whatever their roles.
        RegelSchending.Eis(
            !string.Equals(open!.VoorgesteldDoor.Id, c.Door.Id, StringComparison.Ordinal),
            "vier-ogen-zelfde-persoon",
            "Een besluit boven de vier-ogendrempel moet worden goedgekeurd door een andere behandelaar dan wie het voorstelde.");
        var voorstel = new Voorstel(open.Soort, open.Bedrag, open.Reden, open.Toelichting);

        // Re-check against the state of now: it may have changed since the proposal (e.g. a voorschot was paid).
        Controleer(s, voorstel);
        return
        [
            new BesluitGoedgekeurd(c.AanvraagId, c.BesluitId, open.Soort, open.VoorgesteldDoor, c.Nu, c.Door, Grondslagen.VierOgen),
            .. VoerUit(s, c.BesluitId, voorstel, open.VoorgesteldDoor, c.Door, c.Nu),
        ];
    }

    private static IReadOnlyList<AanvraagEvent> KeurAf(BesluitAfkeuren c, AanvraagState s)
    {
        var open = s.OpenBesluit;
        RegelSchending.Eis(open?.BesluitId == c.BesluitId, "besluit-niet-gevonden", "Er wacht geen besluit met dit id op goedkeuring.");
        RegelSchending.Eis(!string.IsNullOrWhiteSpace(c.Toelichting), "motivering-ontbreekt", "Zeg waarom het besluit niet wordt goedgekeurd.");
        return [new BesluitAfgekeurd(c.AanvraagId, c.BesluitId, open!.Soort, c.Toelichting, open.VoorgesteldDoor, c.Nu, c.Door, Grondslagen.VierOgen)];
    }

    // ---------------------------------------------------------------- after the toekenning

    private static IReadOnlyList<AanvraagEvent> VerstrekVoorschot(VoorschotVerstrekken c, AanvraagState s)
    {
        if (s.Voorschotten.Exists(v => v.VoorschotId == c.VoorschotId))
        {
            return [];
        }

        EisStatus(s, "Een voorschot verstrekken", AanvraagStatus.Toegekend);
        Bedrag.EisPositief(c.Bedrag, "Het voorschot");
        var betaald = s.BetaaldeVoorschotten;
        RegelSchending.Eis(
            betaald + c.Bedrag <= s.Toegekend,
            "voorschot-boven-toekenning",
            $"Samen met de eerdere voorschotten ({Bedrag.Toon(betaald)}) zou meer worden betaald dan is toegekend ({Bedrag.Toon(s.Toegekend)}).");
        return [new VoorschotVerstrekt(c.AanvraagId, c.VoorschotId, c.Bedrag, betaald, betaald + c.Bedrag, s.Toegekend, c.Nu, c.Door, Grondslagen.Voorschot)];
    }

    private static IReadOnlyList<AanvraagEvent> Verantwoord(VerantwoordingIndienen c, AanvraagState s)
    {
        EisStatus(s, "Verantwoording indienen", AanvraagStatus.Toegekend);
        Bedrag.EisGeldig(c.WerkelijkeKosten, "De werkelijke kosten");
        return [new VerantwoordingIngediend(c.AanvraagId, c.WerkelijkeKosten, c.Toelichting, s.Toegekend, c.Nu, c.Door, Grondslagen.AanvraagTotVaststelling)];
    }

    // ---------------------------------------------------------------- bezwaar

    private static IReadOnlyList<AanvraagEvent> MaakBezwaar(BezwaarIndienen c, AanvraagState s)
    {
        if (s.Bezwaren.Exists(b => b.BezwaarId == c.BezwaarId))
        {
            return [];
        }

        var besluit = s.Besluiten.Find(b => b.BesluitId == c.BesluitId);
        RegelSchending.Eis(besluit is not null, "besluit-niet-gevonden", "Deze aanvraag heeft geen besluit met dit id.");
        RegelSchending.Eis(
            besluit!.BezwaarId is null,
            "bezwaar-niet-mogelijk",
            "Dit is een besluit op bezwaar; daartegen staat beroep open, geen nieuw bezwaar (Awb 7:1 lid 1 onder a).");
        RegelSchending.Eis(
            !s.Bezwaren.Exists(b => b.BesluitId == c.BesluitId && b.IsOpen),
            "bezwaar-al-ingediend",
            "Tegen dit besluit loopt al een bezwaar.");
        RegelSchending.Eis(!string.IsNullOrWhiteSpace(c.Gronden), "gronden-ontbreken", "Een bezwaarschrift bevat de gronden van het bezwaar (Awb 6:5).");

        // Awb 6:8: the term starts the day after the besluit was made known and lasts six weeks (Awb 6:7),
        // so a besluit of day D can be objected to up to and including D + 42.
        var uiterlijk = besluit.Datum.AddDays(BezwaartermijnDagen);
        RegelSchending.Eis(
            Amsterdam.Dag(c.Nu) <= uiterlijk,
            "bezwaartermijn-verstreken",
            $"De bezwaartermijn van zes weken tegen het besluit van {Datum(besluit.Datum)} eindigde op {Datum(uiterlijk)} (Awb 6:7).");
        return [new BezwaarIngediend(c.AanvraagId, c.BezwaarId, c.BesluitId, c.Gronden, besluit.Datum, uiterlijk, c.Nu, c.Door, Grondslagen.Bezwaar)];
    }

    private static IReadOnlyList<AanvraagEvent> BeslisBezwaar(BezwaarBeslissen c, AanvraagState s)
    {
        var bezwaar = s.Bezwaren.Find(b => b.BezwaarId == c.BezwaarId);
        RegelSchending.Eis(bezwaar is not null, "bezwaar-niet-gevonden", "Deze aanvraag heeft geen bezwaar met dit id.");
        if (!bezwaar!.IsOpen)
        {
            return [];
        }

        RegelSchending.Eis(!string.IsNullOrWhiteSpace(c.Toelichting), "motivering-ontbreekt", "Een besluit op bezwaar moet worden gemotiveerd (Awb 7:12).");
        RegelSchending.Eis(
            c.Gegrond || c.Herziening is null,
            "herziening-bij-ongegrond",
            "Een ongegrond bezwaar laat het besluit in stand; er is geen herziening.");
        var beslist = new BezwaarBeslist(
            c.AanvraagId, c.BezwaarId, bezwaar.BesluitId, c.BesluitOpBezwaarId, c.Gegrond, c.Herziening?.Soort,
            c.Herziening is { Soort: not HerzieningSoort.OpnieuwInBehandeling } h ? h.Bedrag : null,
            c.Toelichting, c.Nu, c.Door, Grondslagen.Heroverweging);
        if (c.Herziening is null)
        {
            return [beslist];
        }

        // Awb 7:11: the besluit is reconsidered and, where needed, replaced; the new decision is recorded through
        // the same events as a first decision, carrying the bezwaar id, so figures and the tijdvak follow it.
        var herroeping = $"{Grondslagen.Heroverweging}; ";
        switch (c.Herziening.Soort)
        {
            case HerzieningSoort.Toekenning:
                EisStatus(
                    s, "Na bezwaar toekennen",
                    AanvraagStatus.Afgewezen, AanvraagStatus.BuitenBehandeling, AanvraagStatus.Toegekend,
                    AanvraagStatus.VerantwoordingIngediend, AanvraagStatus.ToekenningIngetrokken);
                ControleerToekenningsbedrag(s, c.Herziening.Bedrag, s.Toegekend);
                return
                [
                    beslist,
                    new AanvraagToegekend(
                        c.AanvraagId, c.BesluitOpBezwaarId, s.AangevraagdBedrag, s.Toegekend, c.Herziening.Bedrag, s.Beslag,
                        s.RegelsVersie, null, c.BezwaarId, c.Nu, c.Door, herroeping + Grondslagen.Verlening),
                ];
            case HerzieningSoort.Vaststelling:
                EisStatus(s, "Na bezwaar vaststellen", AanvraagStatus.Vastgesteld);
                ControleerVaststellingsbedrag(s, c.Herziening.Bedrag, s.Vastgesteld ?? 0m);
                return [beslist, .. Vaststelling(s, c.BesluitOpBezwaarId, c.Herziening.Bedrag, c.Toelichting, null, c.BezwaarId, c.Door, c.Nu)];
            case HerzieningSoort.OpnieuwInBehandeling:
                EisStatus(s, "Na bezwaar opnieuw behandelen", AanvraagStatus.Afgewezen, AanvraagStatus.BuitenBehandeling);
                return [beslist, new AanvraagInBehandelingGenomen(c.AanvraagId, s.Status, c.BezwaarId, c.Nu, c.Door, Grondslagen.Heroverweging)];
            default:
                throw new ArgumentOutOfRangeException(nameof(c), c.Herziening.Soort, "Unknown herziening.");
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void EisStatus(AanvraagState s, string actie, params AanvraagStatus[] toegestaan)
    {
        if (!toegestaan.Contains(s.Status))
        {
            throw new RegelSchending(OngeldigeOvergang, $"{actie} kan niet bij een aanvraag met status {s.Status}.");
        }
    }

    /// <summary>In behandeling, also while it waits on the wachtlijst (its status then stays OpWachtlijst until it gets a place).</summary>
    public static bool IsInBehandeling(AanvraagState s) =>
        s.Status == AanvraagStatus.InBehandeling || s is { Status: AanvraagStatus.OpWachtlijst, StatusVoorWachtlijst: AanvraagStatus.InBehandeling };

    private static void EisInBehandeling(AanvraagState s, string actie)
    {
        if (!IsInBehandeling(s))
        {
            throw new RegelSchending(OngeldigeOvergang, $"{actie} kan niet bij een aanvraag met status {s.Status}"
                + (s.Status == AanvraagStatus.OpWachtlijst ? " die nog niet in behandeling is." : "."));
        }
    }

    private static void EisGeenOpenBesluit(AanvraagState s) =>
        RegelSchending.Eis(
            s.OpenBesluit is null,
            "besluit-in-afwachting",
            $"Er wacht al een besluit ({s.OpenBesluit?.Soort}) op goedkeuring door een tweede behandelaar; keur het eerst goed of af.");

    private static string Datum(DateOnly dag) => dag.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("nl-NL"));

    // ---------------------------------------------------------------- evolve

    /// <summary>Folds one event into the state. Throws <see cref="InvalidOperationException"/> for an event that breaks
    /// an invariant (a bug, never a user error: Decide refuses such commands).</summary>
    public static AanvraagState Evolve(AanvraagState state, AanvraagEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        if (@event is not AanvraagIngediend && @event.AanvraagId != state.AanvraagId)
        {
            throw new InvalidOperationException($"Event of aanvraag {@event.AanvraagId} folded into {state.AanvraagId}.");
        }

        return @event switch
        {
            AanvraagIngediend e => state.Status == AanvraagStatus.Nieuw
                ? state with
                {
                    AanvraagId = e.AanvraagId,
                    Status = AanvraagStatus.Ingediend,
                    RegelingCode = e.RegelingCode,
                    TijdvakId = e.TijdvakId,
                    Aanvrager = e.Aanvrager,
                    Gegevens = e.Gegevens,
                    RegelsVersie = e.RegelsVersie,
                    AangevraagdBedrag = e.AangevraagdBedrag,
                    IngediendOp = e.Op,
                    CompleetOntvangenOp = e.Op,
                    BeslistermijnWeken = e.BeslistermijnWeken,
                }
                : throw new InvalidOperationException("An aanvraag is submitted once."),
            AanvraagPlaatsToegewezen e => e.BeslagNa <= state.AangevraagdBedrag
                ? state with
                {
                    Beslag = e.BeslagNa,
                    WachtlijstPositie = null,
                    Status = state.Status == AanvraagStatus.OpWachtlijst ? state.StatusVoorWachtlijst : state.Status,
                }
                : throw new InvalidOperationException("Beslag above the requested amount."),
            AanvraagOpWachtlijstGeplaatst e => state with
            {
                WachtlijstPositie = e.Positie,
                StatusVoorWachtlijst = state.Status == AanvraagStatus.OpWachtlijst ? state.StatusVoorWachtlijst : state.Status,
                Status = AanvraagStatus.OpWachtlijst,
            },
            AanvullingGevraagd e => state with
            {
                Status = AanvraagStatus.AanvullingGevraagd,
                Beslag = 0m,
                WachtlijstPositie = null,
                StatusVoorWachtlijst = AanvraagStatus.Ingediend,
                Aanvulling = new OpenAanvulling(e.Omschrijving, e.TermijnDagen, Amsterdam.Dag(e.Op), e.Uiterlijk),
            },
            AanvullingOntvangen e => state with
            {
                // Back in the order of receipt at the moment it became complete (domain-boundary.md).
                Status = AanvraagStatus.Ingediend,
                Aanvulling = null,
                CompleetOntvangenOp = e.Op,
                Opschortingen = state.Opschortingen.Add(new Opschorting(e.OpgeschortVan, e.OpgeschortTot)),
                RegelsVersie = e.RegelsVersie ?? state.RegelsVersie,
                AangevraagdBedrag = e.AangevraagdBedrag ?? state.AangevraagdBedrag,
            },
            AanvraagBuitenBehandelingGesteld e => state with
            {
                Status = AanvraagStatus.BuitenBehandeling,
                Aanvulling = null,
                Opschortingen = state.Aanvulling is { } a ? state.Opschortingen.Add(new Opschorting(a.GevraagdOp, a.Uiterlijk)) : state.Opschortingen,
                Besluiten = state.Besluiten.Add(new Besluit(e.BesluitId, BesluitSoort.BuitenBehandeling, 0m, null, e.Op, e.Door, null, null)),
            },
            // On the wachtlijst it stays there, in behandeling: it returns to InBehandeling when it gets a place.
            AanvraagInBehandelingGenomen => state.Status == AanvraagStatus.OpWachtlijst
                ? state with { StatusVoorWachtlijst = AanvraagStatus.InBehandeling }
                : state with { Status = AanvraagStatus.InBehandeling },
            AanvraagBeoordeeld e => state with { Beoordeling = new AanvraagBeoordeling(e.Advies, e.Score, e.Toelichting, e.Door, e.Op) },
            BesluitVoorgesteld e => state with
            {
                OpenBesluit = new OpenBesluit(e.BesluitId, e.Soort, e.Bedrag, e.Reden, e.Toelichting, e.Door, e.Op),
            },
            BesluitGoedgekeurd => state,
            BesluitAfgekeurd => state with { OpenBesluit = null },
            AanvraagToegekend e => e.ToegekendNa <= state.AangevraagdBedrag
                ? state with
                {
                    Status = state.Status == AanvraagStatus.VerantwoordingIngediend ? AanvraagStatus.VerantwoordingIngediend : AanvraagStatus.Toegekend,
                    Toegekend = e.ToegekendNa,
                    Beslag = 0m,
                    WachtlijstPositie = null,
                    OpenBesluit = null,
                    Besluiten = state.Besluiten.Add(new Besluit(e.BesluitId, BesluitSoort.Toekenning, e.ToegekendNa, null, e.Op, e.Door, e.GoedgekeurdDoor, e.BezwaarId)),
                }
                : throw new InvalidOperationException("Granted above the requested amount."),
            AanvraagAfgewezen e => state with
            {
                Status = AanvraagStatus.Afgewezen,
                Beslag = 0m,
                WachtlijstPositie = null,
                OpenBesluit = null,
                Besluiten = state.Besluiten.Add(new Besluit(e.BesluitId, BesluitSoort.Afwijzing, e.AangevraagdBedrag, e.Reden, e.Op, e.Door, e.GoedgekeurdDoor, null)),
            },
            AanvraagIngetrokken => state with
            {
                Status = AanvraagStatus.Ingetrokken,
                Beslag = 0m,
                WachtlijstPositie = null,
                OpenBesluit = null,
                Aanvulling = null,
            },
            VoorschotVerstrekt e => e.BetaaldNa <= state.Toegekend
                ? state with { Voorschotten = state.Voorschotten.Add(new Voorschot(e.VoorschotId, e.Bedrag, e.Op)) }
                : throw new InvalidOperationException("Voorschotten above the granted amount."),
            VerantwoordingIngediend e => state with
            {
                Status = AanvraagStatus.VerantwoordingIngediend,
                Verantwoording = new Verantwoording(e.WerkelijkeKosten, e.Toelichting, e.Op),
            },
            SubsidieVastgesteld e => e.VastgesteldNa <= state.Toegekend
                ? state with
                {
                    Status = AanvraagStatus.Vastgesteld,
                    Vastgesteld = e.VastgesteldNa,
                    OpenBesluit = null,
                    Besluiten = state.Besluiten.Add(new Besluit(e.BesluitId, BesluitSoort.Vaststelling, e.VastgesteldNa, null, e.Op, e.Door, e.GoedgekeurdDoor, e.BezwaarId)),
                }
                : throw new InvalidOperationException("Vastgesteld above the granted amount."),
            TerugvorderingVastgesteld e => state with { Teruggevorderd = state.Teruggevorderd + e.Bedrag },
            ToekenningIngetrokken e => e.ToegekendNa >= 0m
                ? state with
                {
                    Status = e.Volledig ? AanvraagStatus.ToekenningIngetrokken : state.Status,
                    Toegekend = e.ToegekendNa,
                    OpenBesluit = null,
                    Besluiten = state.Besluiten.Add(new Besluit(e.BesluitId, BesluitSoort.Intrekking, e.IngetrokkenBedrag, e.Reden, e.Op, e.Door, e.GoedgekeurdDoor, null)),
                }
                : throw new InvalidOperationException("Revoked more than was granted."),
            BeslistermijnVerlengd e => state.VerlengingWeken is null
                ? state with { VerlengingWeken = e.Weken }
                : throw new InvalidOperationException("The beslistermijn is extended once (Awb 4:14)."),
            BezwaarIngediend e => state with
            {
                Bezwaren = state.Bezwaren.Add(new Bezwaar(e.BezwaarId, e.BesluitId, e.Gronden, e.Op, null)),
            },
            BezwaarBeslist e => state with
            {
                Bezwaren = state.Bezwaren.ConvertAll(b => b.BezwaarId == e.BezwaarId ? b with { Gegrond = e.Gegrond } : b),
            },
            _ => throw new InvalidOperationException($"Unknown aanvraag event {@event.GetType().Name}."),
        };
    }

    // ---------------------------------------------------------------- beslistermijn

    /// <summary>
    /// The last day on which the uitvoerder can decide in time: the day of receipt + the regeling's term
    /// (Awb 4:13) + the days suspended for aanvullingen (Awb 4:15 lid 1 onder a) + the one extension (Awb 4:14).
    /// While an aanvulling is outstanding, its suspension is counted up to the end of the aanvullingstermijn, the
    /// latest it can last; <see cref="TermijnStatus"/> reports such an aanvraag as <see cref="BeslistermijnStatus.Opgeschort"/>.
    /// </summary>
    public static DateOnly Beslistermijn(AanvraagState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status == AanvraagStatus.Nieuw)
        {
            throw new InvalidOperationException("An aanvraag that was not submitted has no beslistermijn.");
        }

        var dagen = 7 * (state.BeslistermijnWeken + (state.VerlengingWeken ?? 0)) + state.Opschortingen.Sum(o => o.Dagen);
        if (state.Aanvulling is { } open)
        {
            dagen += open.Uiterlijk.DayNumber - open.GevraagdOp.DayNumber;
        }

        return Amsterdam.Dag(state.IngediendOp).AddDays(dagen);
    }

    /// <summary>Where the aanvraag stands against its beslistermijn on the day of <paramref name="nu"/>, for the daily job.</summary>
    public static BeslistermijnStatus TermijnStatus(AanvraagState state, DateTimeOffset nu, int bijnaVerlopenDagen = BijnaVerlopenDagen)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.IsOnbeslist)
        {
            return BeslistermijnStatus.NietVanToepassing;
        }

        var vandaag = Amsterdam.Dag(nu);
        if (state.Aanvulling is { } open && vandaag <= open.Uiterlijk)
        {
            return BeslistermijnStatus.Opgeschort;
        }

        var termijn = Beslistermijn(state);
        return vandaag > termijn ? BeslistermijnStatus.Verlopen
            : termijn.DayNumber - vandaag.DayNumber <= bijnaVerlopenDagen ? BeslistermijnStatus.BijnaVerlopen
            : BeslistermijnStatus.Binnen;
    }
}
