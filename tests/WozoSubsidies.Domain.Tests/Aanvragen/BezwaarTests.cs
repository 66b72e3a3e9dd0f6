using WozoSubsidies.Domain.Aanvragen;
using static WozoSubsidies.Domain.Tests.Aanvragen.Voorbeeld;

namespace WozoSubsidies.Domain.Tests.Aanvragen;

/// <summary>Bezwaar within six weeks (Awb 6:7, 6:8) and the besluit op bezwaar (Awb 7:11).</summary>
public sealed class BezwaarTests
{
    /// <summary>The afwijzing of <see cref="Voorbeeld.AfgewezenAanvraag"/> is dated day 10 (14 November 2024).</summary>
    private static readonly DateOnly Besluitdatum = OntvangstDag.AddDays(10);

    [Fact]
    public void Bezwaar_op_de_42e_dag_na_het_besluit_is_op_tijd() =>
        AfgewezenAanvraag()
            .When(new BezwaarIndienen(AanvraagId, Bezwaar1, Besluit1, "De jongeren voldoen wel.", Dag(10 + 42), Indiener))
            .Then(new BezwaarIngediend(
                AanvraagId, Bezwaar1, Besluit1, "De jongeren voldoen wel.", Besluitdatum, Besluitdatum.AddDays(42), Dag(52), Indiener,
                "Awb 6:7; Awb 6:8"))
            .EnState(s => Assert.True(Assert.Single(s.Bezwaren).IsOpen));

    [Fact]
    public void Bezwaar_op_de_43e_dag_na_het_besluit_is_te_laat()
    {
        var fout = AfgewezenAanvraag()
            .When(new BezwaarIndienen(AanvraagId, Bezwaar1, Besluit1, "De jongeren voldoen wel.", Dag(10 + 43), Indiener))
            .ThenFout("bezwaartermijn-verstreken");
        Assert.Contains("26 december 2024", fout.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void De_bezwaartermijn_telt_in_Nederlandse_kalenderdagen_tot_middernacht() =>
        AfgewezenAanvraag()
            .When(new BezwaarIndienen(
                AanvraagId, Bezwaar1, Besluit1, "Net op tijd.", new DateTimeOffset(2024, 12, 26, 23, 59, 0, TimeSpan.FromHours(1)), Indiener))
            .Then(_ => { });

    [Fact]
    public void Na_middernacht_in_Amsterdam_is_het_te_laat_ook_als_het_in_UTC_nog_de_42e_dag_is() =>
        AfgewezenAanvraag()
            .When(new BezwaarIndienen(AanvraagId, Bezwaar1, Besluit1, "Net te laat.", new DateTimeOffset(2024, 12, 26, 23, 30, 0, TimeSpan.Zero), Indiener))
            .ThenFout("bezwaartermijn-verstreken");

    [Fact]
    public void Bezwaar_tegen_een_besluit_dat_niet_bestaat_wordt_geweigerd() =>
        AfgewezenAanvraag()
            .When(new BezwaarIndienen(AanvraagId, Bezwaar1, Besluit3, "?", Dag(12), Indiener))
            .ThenFout("besluit-niet-gevonden");

    [Fact]
    public void Bezwaar_zonder_gronden_wordt_geweigerd() =>
        AfgewezenAanvraag()
            .When(new BezwaarIndienen(AanvraagId, Bezwaar1, Besluit1, " ", Dag(12), Indiener))
            .ThenFout("gronden-ontbreken");

    [Fact]
    public void Een_tweede_bezwaar_tegen_hetzelfde_besluit_terwijl_het_eerste_loopt_wordt_geweigerd() =>
        AfgewezenAanvraag().Given(BezwaarGemaakt(Besluit1, Besluitdatum, 12))
            .When(new BezwaarIndienen(AanvraagId, Guid.NewGuid(), Besluit1, "Nog eens.", Dag(13), Indiener))
            .ThenFout("bezwaar-al-ingediend");

    [Fact]
    public void Hetzelfde_bezwaar_nog_eens_indienen_verandert_niets() =>
        AfgewezenAanvraag().Given(BezwaarGemaakt(Besluit1, Besluitdatum, 12))
            .When(new BezwaarIndienen(AanvraagId, Bezwaar1, Besluit1, "De jongeren voldoen wel.", Dag(12), Indiener))
            .ThenGeenEvents();

    [Fact]
    public void Een_gegrond_bezwaar_verandert_een_afwijzing_in_een_toekenning() =>
        AfgewezenAanvraag().Given(BezwaarGemaakt(Besluit1, Besluitdatum, 12))
            .When(new BezwaarBeslissen(AanvraagId, Bezwaar1, Besluit2, true, Herziening.Toekenning(57_600m), "Alle jongeren zijn 18–30.", Dag(60), Bram))
            .Then(
                new BezwaarBeslist(AanvraagId, Bezwaar1, Besluit1, Besluit2, true, HerzieningSoort.Toekenning, 57_600m, "Alle jongeren zijn 18–30.", Dag(60), Bram, "Awb 7:11"),
                new AanvraagToegekend(AanvraagId, Besluit2, Gevraagd, 0m, 57_600m, 0m, 3, null, Bezwaar1, Dag(60), Bram, "Awb 7:11; Awb 4:29; Awb 4:30"))
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.Toegekend, s.Status);
                Assert.Equal(57_600m, s.Toegekend);
                Assert.False(s.Bezwaren[0].IsOpen);
                Assert.Equal(Bezwaar1, s.Besluiten[^1].BezwaarId);
            });

    [Fact]
    public void Een_gegrond_bezwaar_verhoogt_een_lagere_toekenning() =>
        ToegekendeAanvraag(40_000m).Given(BezwaarGemaakt(Besluit1, Besluitdatum, 20))
            .When(new BezwaarBeslissen(AanvraagId, Bezwaar1, Besluit2, true, Herziening.Toekenning(50_000m), "Begeleiding telt wel mee.", Dag(60), Bram))
            .Then(events =>
            {
                var toegekend = Assert.IsType<AanvraagToegekend>(events[1]);
                Assert.Equal(40_000m, toegekend.ToegekendVoor);
                Assert.Equal(50_000m, toegekend.ToegekendNa);
            })
            .EnState(s => Assert.Equal(50_000m, s.Toegekend));

    [Fact]
    public void Een_bezwaar_van_de_aanvrager_maakt_de_toekenning_nooit_lager() =>
        ToegekendeAanvraag(40_000m).Given(BezwaarGemaakt(Besluit1, Besluitdatum, 20))
            .When(new BezwaarBeslissen(AanvraagId, Bezwaar1, Besluit2, true, Herziening.Toekenning(30_000m), "?", Dag(60), Bram))
            .ThenFout("verslechtering-na-bezwaar");

    [Fact]
    public void Ook_na_bezwaar_wordt_niet_meer_toegekend_dan_is_aangevraagd() =>
        AfgewezenAanvraag().Given(BezwaarGemaakt(Besluit1, Besluitdatum, 12))
            .When(new BezwaarBeslissen(AanvraagId, Bezwaar1, Besluit2, true, Herziening.Toekenning(60_000m), "?", Dag(60), Bram))
            .ThenFout("boven-aangevraagd-bedrag");

    [Fact]
    public void Een_ongegrond_bezwaar_laat_het_besluit_in_stand() =>
        AfgewezenAanvraag().Given(BezwaarGemaakt(Besluit1, Besluitdatum, 12))
            .When(new BezwaarBeslissen(AanvraagId, Bezwaar1, Besluit2, false, null, "De leeftijdsgrens is juist toegepast.", Dag(60), Bram))
            .Then(new BezwaarBeslist(AanvraagId, Bezwaar1, Besluit1, Besluit2, false, null, null, "De leeftijdsgrens is juist toegepast.", Dag(60), Bram, "Awb 7:11"))
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.Afgewezen, s.Status);
                Assert.False(s.Bezwaren[0].Gegrond);
            });

    [Fact]
    public void Een_ongegrond_bezwaar_met_een_herziening_wordt_geweigerd() =>
        AfgewezenAanvraag().Given(BezwaarGemaakt(Besluit1, Besluitdatum, 12))
            .When(new BezwaarBeslissen(AanvraagId, Bezwaar1, Besluit2, false, Herziening.Toekenning(1_000m), "?", Dag(60), Bram))
            .ThenFout("herziening-bij-ongegrond");

    [Fact]
    public void Een_besluit_op_bezwaar_zonder_motivering_wordt_geweigerd() =>
        AfgewezenAanvraag().Given(BezwaarGemaakt(Besluit1, Besluitdatum, 12))
            .When(new BezwaarBeslissen(AanvraagId, Bezwaar1, Besluit2, false, null, "", Dag(60), Bram))
            .ThenFout("motivering-ontbreekt");

    [Fact]
    public void Een_gegrond_bezwaar_zonder_herziening_laat_het_besluit_met_betere_motivering_staan() =>
        AfgewezenAanvraag().Given(BezwaarGemaakt(Besluit1, Besluitdatum, 12))
            .When(new BezwaarBeslissen(AanvraagId, Bezwaar1, Besluit2, true, null, "Motivering aangevuld.", Dag(60), Bram))
            .Then(events => Assert.IsType<BezwaarBeslist>(Assert.Single(events)))
            .EnState(s => Assert.Equal(AanvraagStatus.Afgewezen, s.Status));

    [Fact]
    public void Een_beslist_bezwaar_nog_eens_beslissen_verandert_niets() =>
        AfgewezenAanvraag().Given(BezwaarGemaakt(Besluit1, Besluitdatum, 12))
            .When(new BezwaarBeslissen(AanvraagId, Bezwaar1, Besluit2, false, null, "Ongegrond.", Dag(60), Bram))
            .Then(_ => { })
            .When(new BezwaarBeslissen(AanvraagId, Bezwaar1, Besluit2, false, null, "Ongegrond.", Dag(60), Bram))
            .ThenGeenEvents();

    [Fact]
    public void Een_onbekend_bezwaar_kan_niet_worden_beslist() =>
        AfgewezenAanvraag()
            .When(new BezwaarBeslissen(AanvraagId, Bezwaar1, Besluit2, false, null, "?", Dag(60), Bram))
            .ThenFout("bezwaar-niet-gevonden");

    [Fact]
    public void Tegen_een_besluit_op_bezwaar_staat_geen_nieuw_bezwaar_open() =>
        AfgewezenAanvraag().Given(BezwaarGemaakt(Besluit1, Besluitdatum, 12))
            .When(new BezwaarBeslissen(AanvraagId, Bezwaar1, Besluit2, true, Herziening.Toekenning(30_000m), "Deels gegrond.", Dag(60), Bram))
            .Then(_ => { })
            .When(new BezwaarIndienen(AanvraagId, Guid.NewGuid(), Besluit2, "Nog meer.", Dag(61), Indiener))
            .ThenFout("bezwaar-niet-mogelijk");

    [Fact]
    public void Een_gegrond_bezwaar_tegen_de_vaststelling_verhoogt_het_vastgestelde_bedrag() =>
        VerantwoordeAanvraag(voorschot: 40_000m)
            .Given(Vastgesteld(30_000m, betaald: 40_000m))
            .Given(new TerugvorderingVastgesteld(AanvraagId, Besluit2, 10_000m, 40_000m, 30_000m, Dag(420), Anna, Grondslagen.Terugvordering))
            .Given(BezwaarGemaakt(Besluit2, OntvangstDag.AddDays(420), 430) with { BesluitId = Besluit2 })
            .When(new BezwaarBeslissen(AanvraagId, Bezwaar1, Besluit3, true, Herziening.Vaststelling(45_000m), "Kosten wel aangetoond.", Dag(470), Bram))
            .Then(
                new BezwaarBeslist(AanvraagId, Bezwaar1, Besluit2, Besluit3, true, HerzieningSoort.Vaststelling, 45_000m, "Kosten wel aangetoond.", Dag(470), Bram, "Awb 7:11"),
                new SubsidieVastgesteld(
                    AanvraagId, Besluit3, Gevraagd, 30_000m, 45_000m, 30_000m, 15_000m, 12_600m, "Kosten wel aangetoond.", null, Bezwaar1,
                    Dag(470), Bram, "Awb 7:11; Awb 4:42; Awb 4:46"))
            .EnState(s => Assert.Equal(45_000m, s.Vastgesteld));

    [Fact]
    public void Een_gegrond_bezwaar_tegen_buiten_behandeling_stellen_zet_de_aanvraag_weer_in_behandeling() =>
        AanvraagInBehandeling().Given(AanvullingVerzocht(), BuitenBehandelingGesteld(dag: 18))
            .Given(BezwaarGemaakt(Besluit1, OntvangstDag.AddDays(18), 25))
            .When(new BezwaarBeslissen(AanvraagId, Bezwaar1, Besluit2, true, Herziening.OpnieuwInBehandeling, "Aanvulling was wel verstuurd.", Dag(50), Bram))
            .Then(
                new BezwaarBeslist(AanvraagId, Bezwaar1, Besluit1, Besluit2, true, HerzieningSoort.OpnieuwInBehandeling, null, "Aanvulling was wel verstuurd.", Dag(50), Bram, "Awb 7:11"),
                new AanvraagInBehandelingGenomen(AanvraagId, AanvraagStatus.BuitenBehandeling, Bezwaar1, Dag(50), Bram, "Awb 7:11"))
            .EnState(s => Assert.Equal(AanvraagStatus.InBehandeling, s.Status));

    [Fact]
    public void Een_herziening_die_niet_bij_de_status_past_wordt_geweigerd() =>
        AfgewezenAanvraag().Given(BezwaarGemaakt(Besluit1, Besluitdatum, 12))
            .When(new BezwaarBeslissen(AanvraagId, Bezwaar1, Besluit2, true, Herziening.Vaststelling(1_000m), "?", Dag(60), Bram))
            .ThenFout("ongeldige-overgang");
}
