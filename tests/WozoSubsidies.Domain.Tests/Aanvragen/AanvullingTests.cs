using WozoSubsidies.Domain.Aanvragen;
using static WozoSubsidies.Domain.Tests.Aanvragen.Voorbeeld;

namespace WozoSubsidies.Domain.Tests.Aanvragen;

/// <summary>Herstelverzuim (Awb 4:5) and the suspension of the beslistermijn (Awb 4:15).</summary>
public sealed class AanvullingTests
{
    [Fact]
    public void Een_aanvullingsverzoek_geeft_de_plaats_vrij_en_zet_een_termijn_van_14_dagen() =>
        AanvraagInBehandeling()
            .When(new AanvullingVragen(AanvraagId, "De huurovereenkomsten ontbreken.", Dag(3), Anna))
            .Then(new AanvullingGevraagd(
                AanvraagId, "De huurovereenkomsten ontbreken.", 14, OntvangstDag.AddDays(17), AanvraagStatus.InBehandeling, Gevraagd, null,
                Dag(3), Anna, "Awb 4:5 lid 1; Awb 4:15 lid 1 onder a"))
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.AanvullingGevraagd, s.Status);
                Assert.Equal(0m, s.Beslag);
                Assert.Equal(OntvangstDag.AddDays(17), s.Aanvulling!.Uiterlijk);
            });

    [Fact]
    public void De_behandelaar_kan_een_andere_aanvullingstermijn_geven() =>
        AanvraagInBehandeling()
            .When(new AanvullingVragen(AanvraagId, "De huurovereenkomsten ontbreken.", Dag(3), Anna, TermijnDagen: 28))
            .Then(AanvullingVerzocht(termijn: 28));

    [Fact]
    public void Een_aanvraag_op_de_wachtlijst_verlaat_de_wachtlijst_bij_een_aanvullingsverzoek() =>
        IngediendeAanvraag().Given(OpWachtlijst(4))
            .When(new AanvullingVragen(AanvraagId, "Ontbreekt.", Dag(3), Anna))
            .Then(events =>
            {
                var e = Assert.IsType<AanvullingGevraagd>(Assert.Single(events));
                Assert.Equal(4, e.WachtlijstPositieVoor);
                Assert.Equal(0m, e.BeslagVoor);
            })
            .EnState(s => Assert.Null(s.WachtlijstPositie));

    [Fact]
    public void Een_aanvullingsverzoek_zonder_omschrijving_wordt_geweigerd() =>
        AanvraagInBehandeling().When(new AanvullingVragen(AanvraagId, " ", Dag(3), Anna)).ThenFout("omschrijving-ontbreekt");

    [Fact]
    public void Een_aanvullingstermijn_van_nul_dagen_wordt_geweigerd() =>
        AanvraagInBehandeling().When(new AanvullingVragen(AanvraagId, "Ontbreekt.", Dag(3), Anna, 0)).ThenFout("termijn-ongeldig");

    [Fact]
    public void Na_een_besluit_wordt_geen_aanvulling_meer_gevraagd() =>
        ToegekendeAanvraag().When(new AanvullingVragen(AanvraagId, "Ontbreekt.", Dag(30), Anna)).ThenFout("ongeldige-overgang");

    [Fact]
    public void Een_aanvulling_maakt_de_aanvraag_weer_compleet_en_zet_haar_achteraan_in_de_volgorde_van_binnenkomst() =>
        AanvraagInBehandeling().Given(AanvullingVerzocht())
            .When(new AanvullingAanleveren(AanvraagId, "Bijgevoegd.", Dag(8), Indiener))
            .Then(Aangevuld())
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.Ingediend, s.Status);
                Assert.Equal(Dag(8), s.CompleetOntvangenOp);
                Assert.Equal(Ontvangen, s.IngediendOp);
                Assert.True(s.WachtOpPlaatsing);
                Assert.Null(s.Aanvulling);
            });

    [Fact]
    public void Een_aanvulling_zonder_verzoek_wordt_geweigerd() =>
        AanvraagInBehandeling().When(new AanvullingAanleveren(AanvraagId, "Bijgevoegd.", Dag(8), Indiener)).ThenFout("ongeldige-overgang");

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(14)]
    public void Een_aanvulling_na_N_dagen_schuift_de_beslistermijn_N_dagen_op(int n)
    {
        var zonder = AanvraagInBehandeling().State;
        var met = AanvraagInBehandeling().Given(AanvullingVerzocht(dag: 3), Aangevuld(gevraagdOp: 3, dag: 3 + n)).State;
        Assert.Equal(Aanvraag.Beslistermijn(zonder).AddDays(n), Aanvraag.Beslistermijn(met));
    }

    [Fact]
    public void Een_aanvulling_na_de_aanvullingstermijn_schort_alleen_tot_het_einde_van_die_termijn_op() =>
        AanvraagInBehandeling().Given(AanvullingVerzocht(dag: 3, termijn: 14))
            .When(new AanvullingAanleveren(AanvraagId, "Laat, maar compleet.", Dag(30), Indiener))
            .Then(new AanvullingOntvangen(AanvraagId, "Laat, maar compleet.", OntvangstDag.AddDays(3), OntvangstDag.AddDays(17), 14, Dag(30), Indiener, "Awb 4:15 lid 1 onder a"))
            .EnState(s => Assert.Equal(OntvangstDag.AddDays(91 + 14), Aanvraag.Beslistermijn(s)));

    [Fact]
    public void Buiten_behandeling_stellen_voor_het_einde_van_de_aanvullingstermijn_wordt_geweigerd() =>
        AanvraagInBehandeling().Given(AanvullingVerzocht(dag: 3, termijn: 14))
            .When(new BuitenBehandelingStellen(AanvraagId, Besluit1, Dag(17), Systeem))
            .ThenFout("aanvullingstermijn-loopt-nog");

    [Fact]
    public void Na_de_aanvullingstermijn_zonder_aanvulling_wordt_de_aanvraag_buiten_behandeling_gesteld() =>
        AanvraagInBehandeling().Given(AanvullingVerzocht(dag: 3, termijn: 14))
            .When(new BuitenBehandelingStellen(AanvraagId, Besluit1, Dag(18), Systeem))
            .Then(BuitenBehandelingGesteld(gevraagdOp: 3, termijn: 14, dag: 18))
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.BuitenBehandeling, s.Status);
                Assert.Equal(BesluitSoort.BuitenBehandeling, Assert.Single(s.Besluiten).Soort);
                Assert.Equal(BeslistermijnStatus.NietVanToepassing, Aanvraag.TermijnStatus(s, Dag(19)));
            });

    [Fact]
    public void De_dagelijkse_job_die_twee_keer_draait_stelt_niet_twee_keer_buiten_behandeling() =>
        AanvraagInBehandeling().Given(AanvullingVerzocht(), BuitenBehandelingGesteld())
            .When(new BuitenBehandelingStellen(AanvraagId, Besluit2, Dag(19), Systeem))
            .ThenGeenEvents();

    [Fact]
    public void Een_aanvraag_zonder_aanvullingsverzoek_wordt_niet_buiten_behandeling_gesteld() =>
        AanvraagInBehandeling().When(new BuitenBehandelingStellen(AanvraagId, Besluit1, Dag(60), Systeem)).ThenFout("ongeldige-overgang");

    [Fact]
    public void Een_aanvulling_na_het_buiten_behandeling_stellen_wordt_geweigerd() =>
        AanvraagInBehandeling().Given(AanvullingVerzocht(), BuitenBehandelingGesteld())
            .When(new AanvullingAanleveren(AanvraagId, "Te laat.", Dag(20), Indiener))
            .ThenFout("ongeldige-overgang");
}
