using WozoSubsidies.Domain.Aanvragen;
using static WozoSubsidies.Domain.Tests.Aanvragen.Voorbeeld;

namespace WozoSubsidies.Domain.Tests.Aanvragen;

public sealed class ToekenningTests
{
    [Fact]
    public void Een_toekenning_onder_de_vier_ogendrempel_gaat_meteen_in() =>
        AanvraagInBehandeling()
            .When(new Toekennen(AanvraagId, Besluit1, Gevraagd, GeenVierOgen, Dag(10), Anna))
            .Then(new AanvraagToegekend(AanvraagId, Besluit1, Gevraagd, 0m, Gevraagd, Gevraagd, 3, null, null, Dag(10), Anna, "Awb 4:29; Awb 4:30"))
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.Toegekend, s.Status);
                Assert.Equal(Gevraagd, s.Toegekend);
                Assert.Equal(0m, s.Beslag);
                var besluit = Assert.Single(s.Besluiten);
                Assert.Equal(Besluit1, besluit.BesluitId);
                Assert.Equal(OntvangstDag.AddDays(10), besluit.Datum);
            });

    [Fact]
    public void Een_lagere_toekenning_dan_aangevraagd_mag_en_laat_de_rest_van_het_beslag_vrijvallen() =>
        AanvraagInBehandeling()
            .When(new Toekennen(AanvraagId, Besluit1, 50_000m, GeenVierOgen, Dag(10), Anna))
            .Then(events =>
            {
                var e = Assert.IsType<AanvraagToegekend>(Assert.Single(events));
                Assert.Equal(50_000m, e.ToegekendNa);
                Assert.Equal(Gevraagd, e.BeslagVoor);
            });

    [Fact]
    public void Toekenning_boven_het_aangevraagde_bedrag_wordt_geweigerd() =>
        AanvraagInBehandeling()
            .When(new Toekennen(AanvraagId, Besluit1, Gevraagd + 0.01m, GeenVierOgen, Dag(10), Anna))
            .ThenFout("boven-aangevraagd-bedrag");

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public void Een_toekenning_van_nul_of_minder_wordt_geweigerd(int bedrag) =>
        AanvraagInBehandeling()
            .When(new Toekennen(AanvraagId, Besluit1, bedrag, GeenVierOgen, Dag(10), Anna))
            .ThenFout("bedrag-ongeldig");

    [Fact]
    public void Een_toekenning_in_fracties_van_centen_wordt_geweigerd() =>
        AanvraagInBehandeling()
            .When(new Toekennen(AanvraagId, Besluit1, 100.001m, GeenVierOgen, Dag(10), Anna))
            .ThenFout("bedrag-ongeldig");

    [Fact]
    public void Een_toekenning_zonder_plaats_op_het_budget_wordt_geweigerd() =>
        IngediendeAanvraag().Given(InBehandeling(dag: 0))
            .When(new Toekennen(AanvraagId, Besluit1, Gevraagd, GeenVierOgen, Dag(10), Anna))
            .ThenFout("geen-plaats");

    [Fact]
    public void Een_aanvraag_die_niet_in_behandeling_is_wordt_niet_toegekend() =>
        GeplaatsteAanvraag()
            .When(new Toekennen(AanvraagId, Besluit1, Gevraagd, GeenVierOgen, Dag(10), Anna))
            .ThenFout("ongeldige-overgang");

    [Fact]
    public void Een_toegekende_aanvraag_wordt_niet_nog_eens_toegekend() =>
        ToegekendeAanvraag()
            .When(new Toekennen(AanvraagId, Besluit2, Gevraagd, GeenVierOgen, Dag(11), Anna))
            .ThenFout("ongeldige-overgang");

    [Fact]
    public void Een_herhaalde_toekenning_met_hetzelfde_besluitId_verandert_niets() =>
        ToegekendeAanvraag()
            .When(new Toekennen(AanvraagId, Besluit1, Gevraagd, GeenVierOgen, Dag(10), Anna))
            .ThenGeenEvents();

    [Fact]
    public void Een_toekenning_boven_de_vier_ogendrempel_wacht_op_een_tweede_behandelaar() =>
        AanvraagInBehandeling()
            .When(new Toekennen(AanvraagId, Besluit1, Gevraagd, LageDrempel, Dag(10), Anna))
            .Then(new BesluitVoorgesteld(AanvraagId, Besluit1, BesluitSoort.Toekenning, Gevraagd, null, null, LageDrempel, Dag(10), Anna, "vier-ogen (LIFECYCLE.md)"))
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.InBehandeling, s.Status);
                Assert.Equal(0m, s.Toegekend);
                Assert.Equal(Besluit1, s.OpenBesluit!.BesluitId);
                Assert.Empty(s.Besluiten);
            });

    [Fact]
    public void Een_toekenning_precies_op_de_drempel_gaat_meteen_in() =>
        AanvraagInBehandeling()
            .When(new Toekennen(AanvraagId, Besluit1, Gevraagd, Gevraagd, Dag(10), Anna))
            .Then(events => Assert.IsType<AanvraagToegekend>(Assert.Single(events)));

    [Fact]
    public void Wie_een_besluit_voorstelt_mag_het_niet_zelf_goedkeuren() =>
        AanvraagInBehandeling()
            .When(new Toekennen(AanvraagId, Besluit1, Gevraagd, LageDrempel, Dag(10), Anna))
            .Then(_ => { })
            .When(new BesluitGoedkeuren(AanvraagId, Besluit1, Dag(11), Anna with { Rol = "beheerder" }))
            .ThenFout("vier-ogen-zelfde-persoon");

    [Fact]
    public void Een_andere_behandelaar_keurt_het_besluit_goed_en_dan_gaat_de_toekenning_in() =>
        AanvraagInBehandeling()
            .When(new Toekennen(AanvraagId, Besluit1, Gevraagd, LageDrempel, Dag(10), Anna))
            .Then(_ => { })
            .When(new BesluitGoedkeuren(AanvraagId, Besluit1, Dag(11), Bram))
            .Then(
                new BesluitGoedgekeurd(AanvraagId, Besluit1, BesluitSoort.Toekenning, Anna, Dag(11), Bram, "vier-ogen (LIFECYCLE.md)"),
                new AanvraagToegekend(AanvraagId, Besluit1, Gevraagd, 0m, Gevraagd, Gevraagd, 3, Bram, null, Dag(11), Anna, "Awb 4:29; Awb 4:30"))
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.Toegekend, s.Status);
                Assert.Null(s.OpenBesluit);
                var besluit = Assert.Single(s.Besluiten);
                Assert.Equal(Anna, besluit.Door);
                Assert.Equal(Bram, besluit.GoedgekeurdDoor);
            });

    [Fact]
    public void Een_tweede_goedkeuring_van_hetzelfde_besluit_verandert_niets() =>
        AanvraagInBehandeling()
            .Given(new BesluitVoorgesteld(AanvraagId, Besluit1, BesluitSoort.Toekenning, Gevraagd, null, null, LageDrempel, Dag(10), Anna, Grondslagen.VierOgen))
            .When(new BesluitGoedkeuren(AanvraagId, Besluit1, Dag(11), Bram))
            .Then(_ => { })
            .When(new BesluitGoedkeuren(AanvraagId, Besluit1, Dag(11), Bram))
            .ThenGeenEvents();

    [Fact]
    public void Een_onbekend_besluit_kan_niet_worden_goedgekeurd() =>
        AanvraagInBehandeling().When(new BesluitGoedkeuren(AanvraagId, Besluit1, Dag(11), Bram)).ThenFout("besluit-niet-gevonden");

    [Fact]
    public void Zolang_een_besluit_wacht_kan_geen_ander_besluit_worden_genomen() =>
        AanvraagInBehandeling()
            .When(new Toekennen(AanvraagId, Besluit1, Gevraagd, LageDrempel, Dag(10), Anna))
            .Then(_ => { })
            .When(new Afwijzen(AanvraagId, Besluit2, AfwijzingsRedenen.Criteria, "Toch niet.", LageDrempel, Dag(10), Bram))
            .ThenFout("besluit-in-afwachting");

    [Fact]
    public void Een_afgekeurd_voorstel_vervalt_en_er_kan_een_nieuw_besluit_worden_voorgesteld() =>
        AanvraagInBehandeling()
            .When(new Toekennen(AanvraagId, Besluit1, Gevraagd, LageDrempel, Dag(10), Anna))
            .Then(_ => { })
            .When(new BesluitAfkeuren(AanvraagId, Besluit1, "Bedrag te hoog voor de begeleiding.", Dag(11), Bram))
            .Then(new BesluitAfgekeurd(AanvraagId, Besluit1, BesluitSoort.Toekenning, "Bedrag te hoog voor de begeleiding.", Anna, Dag(11), Bram, "vier-ogen (LIFECYCLE.md)"))
            .EnState(s => Assert.Null(s.OpenBesluit))
            .When(new Toekennen(AanvraagId, Besluit2, 40_000m, LageDrempel, Dag(12), Anna))
            .Then(events => Assert.IsType<BesluitVoorgesteld>(Assert.Single(events)));

    [Fact]
    public void Afkeuren_zonder_toelichting_wordt_geweigerd() =>
        AanvraagInBehandeling()
            .Given(new BesluitVoorgesteld(AanvraagId, Besluit1, BesluitSoort.Toekenning, Gevraagd, null, null, LageDrempel, Dag(10), Anna, Grondslagen.VierOgen))
            .When(new BesluitAfkeuren(AanvraagId, Besluit1, "", Dag(11), Bram))
            .ThenFout("motivering-ontbreekt");

    [Fact]
    public void Een_voorstel_dat_door_een_plafondafwijzing_is_ingehaald_kan_niet_meer_worden_goedgekeurd() =>
        IngediendeAanvraag()
            .Given(
                InBehandeling(dag: 0),
                new BesluitVoorgesteld(AanvraagId, Besluit1, BesluitSoort.Afwijzing, Gevraagd, AfwijzingsRedenen.Criteria, "Te laag gescoord.", LageDrempel, Dag(10), Anna, Grondslagen.VierOgen))
            .When(new AfwijzenWegensPlafond(AanvraagId, Besluit2, Dag(11), Systeem))
            .Then(_ => { })
            .EnState(s => Assert.Null(s.OpenBesluit))
            .When(new BesluitGoedkeuren(AanvraagId, Besluit1, Dag(12), Bram))
            .ThenFout("besluit-niet-gevonden");
}
