using WozoSubsidies.Domain.Aanvragen;
using static WozoSubsidies.Domain.Tests.Aanvragen.Voorbeeld;

namespace WozoSubsidies.Domain.Tests.Aanvragen;

public sealed class AfwijzingEnIntrekkingTests
{
    [Theory]
    [InlineData(AfwijzingsRedenen.NietOntvankelijk, "Awb 4:35; Awb 3:46")]
    [InlineData(AfwijzingsRedenen.Criteria, "Awb 4:35; Awb 3:46")]
    [InlineData(AfwijzingsRedenen.PlafondBereikt, "Awb 4:25 lid 2")]
    public void Een_afwijzing_legt_reden_en_toelichting_vast_en_geeft_het_beslag_vrij(string reden, string grondslag) =>
        AanvraagInBehandeling()
            .When(new Afwijzen(AanvraagId, Besluit1, reden, "Gemotiveerd.", GeenVierOgen, Dag(10), Anna))
            .Then(new AanvraagAfgewezen(AanvraagId, Besluit1, reden, "Gemotiveerd.", Gevraagd, Gevraagd, null, null, Dag(10), Anna, grondslag))
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.Afgewezen, s.Status);
                Assert.Equal(0m, s.Beslag);
                Assert.Equal(reden, Assert.Single(s.Besluiten).Reden);
            });

    [Fact]
    public void Een_afwijzing_met_een_onbekende_reden_wordt_geweigerd() =>
        AanvraagInBehandeling()
            .When(new Afwijzen(AanvraagId, Besluit1, "geen-zin", "Gemotiveerd.", GeenVierOgen, Dag(10), Anna))
            .ThenFout("reden-onbekend");

    [Fact]
    public void Een_afwijzing_zonder_motivering_wordt_geweigerd() =>
        AanvraagInBehandeling()
            .When(new Afwijzen(AanvraagId, Besluit1, AfwijzingsRedenen.Criteria, "  ", GeenVierOgen, Dag(10), Anna))
            .ThenFout("motivering-ontbreekt");

    [Fact]
    public void Een_afwijzing_van_een_aanvraag_boven_de_drempel_wacht_op_een_tweede_behandelaar() =>
        AanvraagInBehandeling()
            .When(new Afwijzen(AanvraagId, Besluit1, AfwijzingsRedenen.Criteria, "Gemotiveerd.", LageDrempel, Dag(10), Anna))
            .Then(new BesluitVoorgesteld(AanvraagId, Besluit1, BesluitSoort.Afwijzing, Gevraagd, AfwijzingsRedenen.Criteria, "Gemotiveerd.", LageDrempel, Dag(10), Anna, Grondslagen.VierOgen))
            .When(new BesluitGoedkeuren(AanvraagId, Besluit1, Dag(12), Bram))
            .Then(
                new BesluitGoedgekeurd(AanvraagId, Besluit1, BesluitSoort.Afwijzing, Anna, Dag(12), Bram, Grondslagen.VierOgen),
                new AanvraagAfgewezen(AanvraagId, Besluit1, AfwijzingsRedenen.Criteria, "Gemotiveerd.", Gevraagd, Gevraagd, null, Bram, Dag(12), Anna, Grondslagen.Weigering));

    [Fact]
    public void Een_aanvraag_die_niet_in_behandeling_is_wordt_niet_afgewezen() =>
        GeplaatsteAanvraag()
            .When(new Afwijzen(AanvraagId, Besluit1, AfwijzingsRedenen.Criteria, "Gemotiveerd.", GeenVierOgen, Dag(10), Anna))
            .ThenFout("ongeldige-overgang");

    [Fact]
    public void Een_afgewezen_aanvraag_wordt_niet_alsnog_toegekend_buiten_bezwaar_om() =>
        AfgewezenAanvraag()
            .When(new Toekennen(AanvraagId, Besluit2, Gevraagd, GeenVierOgen, Dag(11), Anna))
            .ThenFout("ongeldige-overgang");

    public static TheoryData<string> VoorEenBesluit => ["ingediend", "geplaatst", "wachtlijst", "in behandeling", "aanvulling gevraagd", "voorstel wacht"];

    [Theory]
    [MemberData(nameof(VoorEenBesluit))]
    public void De_aanvrager_kan_intrekken_zolang_er_geen_besluit_is(string situatie)
    {
        var gegeven = situatie switch
        {
            "ingediend" => IngediendeAanvraag(),
            "geplaatst" => GeplaatsteAanvraag(),
            "wachtlijst" => IngediendeAanvraag().Given(OpWachtlijst(2)),
            "in behandeling" => AanvraagInBehandeling(),
            "aanvulling gevraagd" => AanvraagInBehandeling().Given(AanvullingVerzocht()),
            _ => AanvraagInBehandeling().Given(
                new BesluitVoorgesteld(AanvraagId, Besluit1, BesluitSoort.Toekenning, Gevraagd, null, null, LageDrempel, Dag(10), Anna, Grondslagen.VierOgen)),
        };
        var voor = gegeven.State;
        gegeven
            .When(new Intrekken(AanvraagId, "We zien ervan af.", Dag(12), Indiener))
            .Then(new AanvraagIngetrokken(
                AanvraagId, voor.Status, "We zien ervan af.", Gevraagd, voor.Beslag, voor.WachtlijstPositie, Dag(12), Indiener,
                "Awb 4:1 (intrekking door de aanvrager)"))
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.Ingetrokken, s.Status);
                Assert.Equal(0m, s.Beslag);
                Assert.Null(s.WachtlijstPositie);
                Assert.Null(s.OpenBesluit);
                Assert.Equal(BeslistermijnStatus.NietVanToepassing, Aanvraag.TermijnStatus(s, Dag(13)));
            });
    }

    [Fact]
    public void Intrekken_geeft_het_beslag_vrij_dat_de_aanvraag_hield() =>
        GeplaatsteAanvraag()
            .When(new Intrekken(AanvraagId, null, Dag(3), Indiener))
            .Then(events => Assert.Equal(Gevraagd, Assert.IsType<AanvraagIngetrokken>(Assert.Single(events)).BeslagVoor));

    [Fact]
    public void Intrekken_na_een_toekenning_wordt_geweigerd()
    {
        var fout = ToegekendeAanvraag().When(new Intrekken(AanvraagId, null, Dag(12), Indiener)).ThenFout("ongeldige-overgang");
        Assert.Contains("Toegekend", fout.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Intrekken_na_een_afwijzing_wordt_geweigerd() =>
        AfgewezenAanvraag().When(new Intrekken(AanvraagId, null, Dag(12), Indiener)).ThenFout("ongeldige-overgang");

    [Fact]
    public void Intrekken_na_buiten_behandeling_stellen_wordt_geweigerd() =>
        AanvraagInBehandeling().Given(AanvullingVerzocht(), BuitenBehandelingGesteld())
            .When(new Intrekken(AanvraagId, null, Dag(20), Indiener))
            .ThenFout("ongeldige-overgang");

    [Fact]
    public void Een_tweede_intrekking_verandert_niets() =>
        GeplaatsteAanvraag()
            .When(new Intrekken(AanvraagId, null, Dag(3), Indiener))
            .Then(_ => { })
            .When(new Intrekken(AanvraagId, null, Dag(3), Indiener))
            .ThenGeenEvents();

    [Fact]
    public void Een_ingetrokken_aanvraag_wordt_niet_meer_behandeld() =>
        GeplaatsteAanvraag()
            .When(new Intrekken(AanvraagId, null, Dag(3), Indiener))
            .Then(_ => { })
            .When(new InBehandelingNemen(AanvraagId, Dag(4), Anna))
            .ThenFout("ongeldige-overgang");
}
