using WozoSubsidies.Domain.Aanvragen;
using static WozoSubsidies.Domain.Tests.Aanvragen.Voorbeeld;

namespace WozoSubsidies.Domain.Tests.Aanvragen;

/// <summary>Voorschotten, verantwoording, vaststelling and terugvordering (Awb 4:42–4:57, 4:95), and the
/// intrekking of a toekenning (Awb 4:48).</summary>
public sealed class NaToekenningTests
{
    [Fact]
    public void Een_voorschot_wordt_betaald_op_de_toekenning() =>
        ToegekendeAanvraag()
            .When(new VoorschotVerstrekken(AanvraagId, Voorschot1, 20_000m, Dag(20), Anna))
            .Then(new VoorschotVerstrekt(AanvraagId, Voorschot1, 20_000m, 0m, 20_000m, Gevraagd, Dag(20), Anna, "Awb 4:95"))
            .EnState(s => Assert.Equal(20_000m, s.BetaaldeVoorschotten));

    [Fact]
    public void Voorschotten_mogen_samen_precies_het_toegekende_bedrag_zijn() =>
        ToegekendeAanvraag().Given(Voorgeschoten(40_000m))
            .When(new VoorschotVerstrekken(AanvraagId, Voorschot2, 17_600m, Dag(30), Anna))
            .Then(new VoorschotVerstrekt(AanvraagId, Voorschot2, 17_600m, 40_000m, Gevraagd, Gevraagd, Dag(30), Anna, "Awb 4:95"));

    [Fact]
    public void Voorschotten_boven_het_toegekende_bedrag_worden_geweigerd() =>
        ToegekendeAanvraag().Given(Voorgeschoten(40_000m))
            .When(new VoorschotVerstrekken(AanvraagId, Voorschot2, 17_600.01m, Dag(30), Anna))
            .ThenFout("voorschot-boven-toekenning");

    [Fact]
    public void Een_voorschot_dat_alleen_al_boven_de_toekenning_ligt_wordt_geweigerd() =>
        ToegekendeAanvraag(10_000m)
            .When(new VoorschotVerstrekken(AanvraagId, Voorschot1, 10_000.01m, Dag(20), Anna))
            .ThenFout("voorschot-boven-toekenning");

    [Fact]
    public void Hetzelfde_voorschot_nog_eens_betaalt_niet_dubbel() =>
        ToegekendeAanvraag().Given(Voorgeschoten(40_000m))
            .When(new VoorschotVerstrekken(AanvraagId, Voorschot1, 40_000m, Dag(20), Anna))
            .ThenGeenEvents();

    [Fact]
    public void Voor_een_toekenning_is_er_geen_voorschot() =>
        AanvraagInBehandeling().When(new VoorschotVerstrekken(AanvraagId, Voorschot1, 1_000m, Dag(5), Anna)).ThenFout("ongeldige-overgang");

    [Fact]
    public void Na_de_verantwoording_is_er_geen_voorschot_meer() =>
        VerantwoordeAanvraag().When(new VoorschotVerstrekken(AanvraagId, Voorschot2, 1_000m, Dag(401), Anna)).ThenFout("ongeldige-overgang");

    [Fact]
    public void De_aanvrager_verantwoordt_de_werkelijke_kosten_na_de_toekenning() =>
        ToegekendeAanvraag()
            .When(new VerantwoordingIndienen(AanvraagId, 50_000m, "Twaalf maanden uitgevoerd.", Dag(400), Indiener))
            .Then(Verantwoord())
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.VerantwoordingIngediend, s.Status);
                Assert.Equal(50_000m, s.Verantwoording!.WerkelijkeKosten);
            });

    [Fact]
    public void Verantwoorden_voor_een_toekenning_wordt_geweigerd() =>
        AanvraagInBehandeling()
            .When(new VerantwoordingIndienen(AanvraagId, 50_000m, "Te vroeg.", Dag(5), Indiener))
            .ThenFout("ongeldige-overgang");

    [Fact]
    public void Negatieve_werkelijke_kosten_worden_geweigerd() =>
        ToegekendeAanvraag()
            .When(new VerantwoordingIndienen(AanvraagId, -1m, "?", Dag(400), Indiener))
            .ThenFout("bedrag-ongeldig");

    [Fact]
    public void Een_vaststelling_boven_de_voorschotten_maakt_het_verschil_betaalbaar() =>
        VerantwoordeAanvraag(voorschot: 40_000m)
            .When(new Vaststellen(AanvraagId, Besluit2, 50_000m, "Volgens verantwoording.", GeenVierOgen, Dag(420), Anna))
            .Then(new SubsidieVastgesteld(
                AanvraagId, Besluit2, Gevraagd, null, 50_000m, 40_000m, 10_000m, 7_600m, "Volgens verantwoording.", null, null,
                Dag(420), Anna, "Awb 4:42; Awb 4:46"))
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.Vastgesteld, s.Status);
                Assert.Equal(50_000m, s.Vastgesteld);
                Assert.Equal(0m, s.Teruggevorderd);
            });

    [Fact]
    public void Een_vaststelling_onder_de_voorschotten_vordert_precies_het_teveel_betaalde_terug() =>
        VerantwoordeAanvraag(voorschot: 40_000m)
            .When(new Vaststellen(AanvraagId, Besluit2, 31_234.56m, null, GeenVierOgen, Dag(420), Anna))
            .Then(
                new SubsidieVastgesteld(
                    AanvraagId, Besluit2, Gevraagd, null, 31_234.56m, 40_000m, 0m, 26_365.44m, null, null, null, Dag(420), Anna, "Awb 4:42; Awb 4:46"),
                new TerugvorderingVastgesteld(AanvraagId, Besluit2, 8_765.44m, 40_000m, 31_234.56m, Dag(420), Anna, "Awb 4:57"))
            .EnState(s =>
            {
                Assert.Equal(8_765.44m, s.Teruggevorderd);
                Assert.Equal(31_234.56m, s.NettoBetaald);
            });

    [Fact]
    public void Een_vaststelling_gelijk_aan_de_voorschotten_vordert_niets_terug() =>
        VerantwoordeAanvraag(voorschot: 40_000m)
            .When(new Vaststellen(AanvraagId, Besluit2, 40_000m, null, GeenVierOgen, Dag(420), Anna))
            .Then(events => Assert.IsType<SubsidieVastgesteld>(Assert.Single(events)));

    [Fact]
    public void Een_vaststelling_op_nul_vordert_alle_voorschotten_terug() =>
        VerantwoordeAanvraag(voorschot: 40_000m)
            .When(new Vaststellen(AanvraagId, Besluit2, 0m, "Niets uitgevoerd.", GeenVierOgen, Dag(420), Anna))
            .Then(events => Assert.Equal(40_000m, Assert.IsType<TerugvorderingVastgesteld>(events[1]).Bedrag));

    [Fact]
    public void Een_vaststelling_boven_het_toegekende_bedrag_wordt_geweigerd() =>
        VerantwoordeAanvraag()
            .When(new Vaststellen(AanvraagId, Besluit2, Gevraagd + 1m, null, GeenVierOgen, Dag(420), Anna))
            .ThenFout("vaststelling-boven-toekenning");

    [Fact]
    public void Vaststellen_zonder_verantwoording_wordt_geweigerd() =>
        ToegekendeAanvraag()
            .When(new Vaststellen(AanvraagId, Besluit2, 50_000m, null, GeenVierOgen, Dag(420), Anna))
            .ThenFout("ongeldige-overgang");

    [Fact]
    public void Een_vaststelling_van_een_grote_toekenning_wacht_op_vier_ogen_ook_als_het_vastgestelde_bedrag_laag_is() =>
        VerantwoordeAanvraag()
            .When(new Vaststellen(AanvraagId, Besluit2, 5_000m, null, LageDrempel, Dag(420), Anna))
            .Then(new BesluitVoorgesteld(AanvraagId, Besluit2, BesluitSoort.Vaststelling, 5_000m, null, null, LageDrempel, Dag(420), Anna, Grondslagen.VierOgen))
            .When(new BesluitGoedkeuren(AanvraagId, Besluit2, Dag(421), Bram))
            .Then(events =>
            {
                Assert.IsType<BesluitGoedgekeurd>(events[0]);
                var vastgesteld = Assert.IsType<SubsidieVastgesteld>(events[1]);
                Assert.Equal(Bram, vastgesteld.GoedgekeurdDoor);
                Assert.Equal(35_000m, Assert.IsType<TerugvorderingVastgesteld>(events[2]).Bedrag);
            });

    [Fact]
    public void Een_volledige_intrekking_van_de_toekenning_laat_het_hele_bedrag_vrijvallen() =>
        ToegekendeAanvraag()
            .When(new ToekenningIntrekken(AanvraagId, Besluit2, Gevraagd, "Project niet gestart.", GeenVierOgen, Dag(60), Anna))
            .Then(new ToekenningIngetrokken(AanvraagId, Besluit2, Gevraagd, Gevraagd, 0m, true, "Project niet gestart.", null, Dag(60), Anna, "Awb 4:48"))
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.ToekenningIngetrokken, s.Status);
                Assert.Equal(0m, s.Toegekend);
            });

    [Fact]
    public void Een_gedeeltelijke_intrekking_verlaagt_de_toekenning_en_de_aanvraag_blijft_toegekend() =>
        ToegekendeAanvraag()
            .When(new ToekenningIntrekken(AanvraagId, Besluit2, 9_600m, "Twee jongeren vertrokken.", GeenVierOgen, Dag(60), Anna))
            .Then(new ToekenningIngetrokken(AanvraagId, Besluit2, 9_600m, Gevraagd, 48_000m, false, "Twee jongeren vertrokken.", null, Dag(60), Anna, "Awb 4:48"))
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.Toegekend, s.Status);
                Assert.Equal(48_000m, s.Toegekend);
            });

    [Fact]
    public void Een_intrekking_onder_de_betaalde_voorschotten_vordert_het_verschil_terug() =>
        ToegekendeAanvraag().Given(Voorgeschoten(40_000m))
            .When(new ToekenningIntrekken(AanvraagId, Besluit2, 27_600m, "Half uitgevoerd.", GeenVierOgen, Dag(60), Anna))
            .Then(
                new ToekenningIngetrokken(AanvraagId, Besluit2, 27_600m, Gevraagd, 30_000m, false, "Half uitgevoerd.", null, Dag(60), Anna, "Awb 4:48"),
                new TerugvorderingVastgesteld(AanvraagId, Besluit2, 10_000m, 40_000m, 30_000m, Dag(60), Anna, "Awb 4:57"));

    [Fact]
    public void Meer_intrekken_dan_is_toegekend_wordt_geweigerd() =>
        ToegekendeAanvraag()
            .When(new ToekenningIntrekken(AanvraagId, Besluit2, Gevraagd + 1m, "?", GeenVierOgen, Dag(60), Anna))
            .ThenFout("intrekking-boven-toekenning");

    [Fact]
    public void Een_intrekking_zonder_reden_wordt_geweigerd() =>
        ToegekendeAanvraag()
            .When(new ToekenningIntrekken(AanvraagId, Besluit2, 1_000m, "", GeenVierOgen, Dag(60), Anna))
            .ThenFout("motivering-ontbreekt");

    [Fact]
    public void Een_intrekking_boven_de_drempel_wacht_op_vier_ogen() =>
        ToegekendeAanvraag()
            .When(new ToekenningIntrekken(AanvraagId, Besluit2, 20_000m, "Deels niet uitgevoerd.", LageDrempel, Dag(60), Anna))
            .Then(new BesluitVoorgesteld(AanvraagId, Besluit2, BesluitSoort.Intrekking, 20_000m, "Deels niet uitgevoerd.", null, LageDrempel, Dag(60), Anna, Grondslagen.VierOgen))
            .When(new BesluitGoedkeuren(AanvraagId, Besluit2, Dag(61), Anna))
            .ThenFout("vier-ogen-zelfde-persoon");

    [Fact]
    public void Een_aanvraag_zonder_toekenning_kan_geen_toekenning_verliezen() =>
        AanvraagInBehandeling()
            .When(new ToekenningIntrekken(AanvraagId, Besluit2, 1_000m, "?", GeenVierOgen, Dag(60), Anna))
            .ThenFout("ongeldige-overgang");

    [Fact]
    public void Na_een_volledige_intrekking_is_er_geen_voorschot_meer() =>
        ToegekendeAanvraag()
            .Given(new ToekenningIngetrokken(AanvraagId, Besluit2, Gevraagd, Gevraagd, 0m, true, "Weg.", null, Dag(60), Anna, Grondslagen.IntrekkingToekenning))
            .When(new VoorschotVerstrekken(AanvraagId, Voorschot1, 1_000m, Dag(61), Anna))
            .ThenFout("ongeldige-overgang");
}
