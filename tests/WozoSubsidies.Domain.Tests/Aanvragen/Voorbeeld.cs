using WozoSubsidies.Domain.Aanvragen;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regels;
using WozoSubsidies.Domain.Tests.Specificatie;

namespace WozoSubsidies.Domain.Tests.Aanvragen;

/// <summary>
/// One IWO aanvraag in IWO tijdvak 3 (REGELINGEN.md): Woonstichting De Hof asks for 10 jongeren at €200 rent
/// discount and 4 hours of begeleiding at €70 for 12 months: 10 × (200 + 4 × 70) × 12 = €57,600.
/// Submitted on Monday 4 November 2024 at 10:00 in Amsterdam; <see cref="Dag"/> counts days from there.
/// Events for <c>Given</c> are built here so every test reads as a short business sentence.
/// </summary>
internal static class Voorbeeld
{
    public const decimal Gevraagd = 57_600m;

    public static readonly Guid AanvraagId = Guid.Parse("a0000000-0000-0000-0000-000000000001");
    public static readonly Guid TijdvakId = Guid.Parse("70000000-0000-0000-0000-000000000003");
    public static readonly Guid Besluit1 = Guid.Parse("b0000000-0000-0000-0000-000000000001");
    public static readonly Guid Besluit2 = Guid.Parse("b0000000-0000-0000-0000-000000000002");
    public static readonly Guid Besluit3 = Guid.Parse("b0000000-0000-0000-0000-000000000003");
    public static readonly Guid Bezwaar1 = Guid.Parse("e0000000-0000-0000-0000-000000000001");
    public static readonly Guid Voorschot1 = Guid.Parse("f0000000-0000-0000-0000-000000000001");
    public static readonly Guid Voorschot2 = Guid.Parse("f0000000-0000-0000-0000-000000000002");

    public static readonly Actor Indiener = new("sub-de-hof", "aanvrager");
    public static readonly Actor Anna = new("anna", "behandelaar");
    public static readonly Actor Bram = new("bram", "behandelaar");
    public static readonly Actor Systeem = Actor.Systeem;

    public static readonly Aanvrager DeHof = new("12345678", "Woonstichting De Hof", "woningcorporatie");

    /// <summary>Monday 4 November 2024, 10:00 Europe/Amsterdam (CET).</summary>
    public static readonly DateTimeOffset Ontvangen = new(2024, 11, 4, 10, 0, 0, TimeSpan.FromHours(1));

    public static readonly DateOnly OntvangstDag = new(2024, 11, 4);

    /// <summary>10:00 Amsterdam time, <paramref name="n"/> days after submission (an offset of +01:00 keeps
    /// the same Dutch day in summer time too: 11:00 CEST).</summary>
    public static DateTimeOffset Dag(int n) => Ontvangen.AddDays(n);

    public static SpecGegeven<AanvraagCommand, AanvraagEvent, AanvraagState> Nieuw() => Spec.Voor(Aanvraag.Decider);

    // ------------------------------------------------------------------ gegevens and submission

    public static IwoGegevens Iwo(int jongeren = 10, decimal huurkorting = 200m, decimal uren = 4m, int maanden = 12, int woningen = 12) =>
        new()
        {
            Woonvorm = new IwoWoonvorm { AantalWoningen = woningen, BestemdVoor55Plus = true, FysiekVerbonden = true },
            Jongeren = Enumerable.Range(0, jongeren)
                .Select(i => new IwoJongere
                {
                    Geboortedatum = new DateOnly(2000, 1, 1).AddDays(30 * i),
                    HuurovereenkomstGetekendOp = new DateOnly(2024, 10, 15),
                    HuurkortingPerMaand = huurkorting,
                    BegeleidingUrenPerMaand = uren,
                })
                .ToList(),
            Startdatum = new DateOnly(2024, 12, 1),
            AantalMaanden = maanden,
        };

    public static Indienen Indiening(IwoGegevens? gegevens = null, TijdvakRegels? tijdvakRegels = null, Aanvrager? aanvrager = null, int weken = 13) =>
        new(AanvraagId, RegelingCodes.Iwo, TijdvakId, aanvrager ?? DeHof, gegevens ?? Iwo(), 3, IwoParameters.Standaard,
            tijdvakRegels ?? TijdvakRegels.Geen, Ontvangen, Indiener, weken);

    // ------------------------------------------------------------------ events for Given

    public static AanvraagIngediend Ingediend(decimal bedrag = Gevraagd, int weken = 13) =>
        new(AanvraagId, RegelingCodes.Iwo, TijdvakId, DeHof, Iwo(), bedrag, 3, IwoParameters.Standaard, TijdvakRegels.Geen,
            weken, Ontvangen, Indiener, Grondslagen.Aanvraag);

    public static AanvraagPlaatsToegewezen Geplaatst(decimal beslag = Gevraagd, int dag = 1, int? vanPositie = null) =>
        new(AanvraagId, 0m, beslag, vanPositie, Dag(dag), Systeem, Grondslagen.Verdeling);

    public static AanvraagOpWachtlijstGeplaatst OpWachtlijst(int positie = 3, int dag = 1, int? positieVoor = null) =>
        new(AanvraagId, positie, positieVoor, Dag(dag), Systeem, Grondslagen.Verdeling);

    public static AanvraagInBehandelingGenomen InBehandeling(int dag = 2) =>
        new(AanvraagId, AanvraagStatus.Ingediend, null, Dag(dag), Anna, Grondslagen.Behandeling);

    public static AanvullingGevraagd AanvullingVerzocht(int dag = 3, int termijn = 14, decimal beslagVoor = Gevraagd, AanvraagStatus statusVoor = AanvraagStatus.InBehandeling) =>
        new(AanvraagId, "De huurovereenkomsten ontbreken.", termijn, OntvangstDag.AddDays(dag + termijn), statusVoor, beslagVoor, null,
            Dag(dag), Anna, Grondslagen.Aanvulling);

    public static AanvullingOntvangen Aangevuld(int gevraagdOp = 3, int dag = 8) =>
        new(AanvraagId, "Bijgevoegd.", OntvangstDag.AddDays(gevraagdOp), OntvangstDag.AddDays(dag), dag - gevraagdOp, Dag(dag), Indiener, Grondslagen.Opschorting);

    public static AanvraagToegekend Toegekend(decimal bedrag = Gevraagd, int dag = 10, Guid? besluit = null, decimal beslagVoor = Gevraagd) =>
        new(AanvraagId, besluit ?? Besluit1, Gevraagd, 0m, bedrag, beslagVoor, 3, null, null, Dag(dag), Anna, Grondslagen.Verlening);

    public static AanvraagAfgewezen Afgewezen(string reden = AfwijzingsRedenen.Criteria, int dag = 10, Guid? besluit = null) =>
        new(AanvraagId, besluit ?? Besluit1, reden, "Niet alle jongeren zijn tussen 18 en 30.", Gevraagd, Gevraagd, null, null, Dag(dag), Anna,
            Grondslagen.Weigering);

    public static VoorschotVerstrekt Voorgeschoten(decimal bedrag, decimal betaaldVoor = 0m, decimal toegekend = Gevraagd, int dag = 20, Guid? id = null) =>
        new(AanvraagId, id ?? Voorschot1, bedrag, betaaldVoor, betaaldVoor + bedrag, toegekend, Dag(dag), Anna, Grondslagen.Voorschot);

    public static VerantwoordingIngediend Verantwoord(decimal kosten = 50_000m, decimal toegekend = Gevraagd, int dag = 400) =>
        new(AanvraagId, kosten, "Twaalf maanden uitgevoerd.", toegekend, Dag(dag), Indiener, Grondslagen.AanvraagTotVaststelling);

    public static SubsidieVastgesteld Vastgesteld(decimal bedrag, decimal toegekend = Gevraagd, decimal betaald = 0m, int dag = 420, Guid? besluit = null) =>
        new(AanvraagId, besluit ?? Besluit2, toegekend, null, bedrag, betaald, Math.Max(0m, bedrag - betaald), toegekend - bedrag, null, null, null,
            Dag(dag), Anna, Grondslagen.Vaststelling);

    public static AanvraagBuitenBehandelingGesteld BuitenBehandelingGesteld(int gevraagdOp = 3, int termijn = 14, int dag = 18) =>
        new(AanvraagId, Besluit1, OntvangstDag.AddDays(gevraagdOp + termijn), Dag(dag), Systeem, Grondslagen.BuitenBehandeling);

    public static BezwaarIngediend BezwaarGemaakt(Guid besluit, DateOnly besluitDatum, int dag) =>
        new(AanvraagId, Bezwaar1, besluit, "De jongeren voldoen wel.", besluitDatum, besluitDatum.AddDays(42), Dag(dag), Indiener, Grondslagen.Bezwaar);

    // ------------------------------------------------------------------ histories

    public static SpecGegeven<AanvraagCommand, AanvraagEvent, AanvraagState> IngediendeAanvraag() => Nieuw().Given(Ingediend());

    public static SpecGegeven<AanvraagCommand, AanvraagEvent, AanvraagState> GeplaatsteAanvraag() => IngediendeAanvraag().Given(Geplaatst());

    public static SpecGegeven<AanvraagCommand, AanvraagEvent, AanvraagState> AanvraagInBehandeling() => GeplaatsteAanvraag().Given(InBehandeling());

    public static SpecGegeven<AanvraagCommand, AanvraagEvent, AanvraagState> ToegekendeAanvraag(decimal bedrag = Gevraagd) =>
        AanvraagInBehandeling().Given(Toegekend(bedrag));

    public static SpecGegeven<AanvraagCommand, AanvraagEvent, AanvraagState> AfgewezenAanvraag() => AanvraagInBehandeling().Given(Afgewezen());

    /// <summary>Granted €57,600 on day 10, €40,000 advanced on day 20, verantwoording on day 400.</summary>
    public static SpecGegeven<AanvraagCommand, AanvraagEvent, AanvraagState> VerantwoordeAanvraag(decimal voorschot = 40_000m) =>
        ToegekendeAanvraag().Given(Voorgeschoten(voorschot)).Given(Verantwoord());

    /// <summary>Four-eyes off: no decision of this example reaches it.</summary>
    public const decimal GeenVierOgen = 1_000_000m;

    /// <summary>Four-eyes on for every decision of this example.</summary>
    public const decimal LageDrempel = 10_000m;
}
