using WozoSubsidies.Domain.Aanvragen;
using static WozoSubsidies.Domain.Tests.Aanvragen.Voorbeeld;

namespace WozoSubsidies.Domain.Tests.Aanvragen;

/// <summary>Placement outcomes the tijdvak sends after the day's settlement (docs/domain-boundary.md).</summary>
public sealed class PlaatsingTests
{
    [Fact]
    public void Na_de_dagafsluiting_houdt_de_aanvraag_beslag_van_het_aangevraagde_bedrag() =>
        IngediendeAanvraag()
            .When(new PlaatsToewijzen(AanvraagId, Gevraagd, Dag(1), Systeem))
            .Then(Geplaatst())
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.Ingediend, s.Status);
                Assert.Equal(Gevraagd, s.Beslag);
                Assert.False(s.WachtOpPlaatsing);
            });

    [Fact]
    public void Een_herhaalde_plaatsing_verandert_niets() =>
        GeplaatsteAanvraag().When(new PlaatsToewijzen(AanvraagId, Gevraagd, Dag(1), Systeem)).ThenGeenEvents();

    [Fact]
    public void Een_plaatsing_met_een_ander_bedrag_dan_het_beslag_wordt_geweigerd() =>
        GeplaatsteAanvraag().When(new PlaatsToewijzen(AanvraagId, 1_000m, Dag(1), Systeem)).ThenFout("ongeldige-overgang");

    [Fact]
    public void Beslag_boven_het_aangevraagde_bedrag_wordt_geweigerd() =>
        IngediendeAanvraag().When(new PlaatsToewijzen(AanvraagId, Gevraagd + 1m, Dag(1), Systeem)).ThenFout("beslag-boven-aangevraagd");

    [Fact]
    public void Beslag_van_nul_wordt_geweigerd() =>
        IngediendeAanvraag().When(new PlaatsToewijzen(AanvraagId, 0m, Dag(1), Systeem)).ThenFout("bedrag-ongeldig");

    [Fact]
    public void Als_het_plafond_is_bereikt_komt_de_aanvraag_op_de_wachtlijst() =>
        IngediendeAanvraag()
            .When(new OpWachtlijstPlaatsen(AanvraagId, 3, Dag(1), Systeem))
            .Then(OpWachtlijst(3))
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.OpWachtlijst, s.Status);
                Assert.Equal(3, s.WachtlijstPositie);
            });

    [Fact]
    public void Als_de_wachtlijst_opschuift_krijgt_de_aanvraag_haar_nieuwe_positie() =>
        IngediendeAanvraag().Given(OpWachtlijst(3))
            .When(new OpWachtlijstPlaatsen(AanvraagId, 2, Dag(5), Systeem))
            .Then(OpWachtlijst(2, dag: 5, positieVoor: 3));

    [Fact]
    public void Dezelfde_wachtlijstpositie_nog_eens_verandert_niets() =>
        IngediendeAanvraag().Given(OpWachtlijst(3)).When(new OpWachtlijstPlaatsen(AanvraagId, 3, Dag(1), Systeem)).ThenGeenEvents();

    [Fact]
    public void Een_wachtlijstpositie_onder_een_wordt_geweigerd() =>
        IngediendeAanvraag().When(new OpWachtlijstPlaatsen(AanvraagId, 0, Dag(1), Systeem)).ThenFout("positie-ongeldig");

    [Fact]
    public void Als_er_budget_vrijkomt_krijgt_de_wachtlijstaanvraag_een_plaats_en_is_weer_ingediend() =>
        IngediendeAanvraag().Given(OpWachtlijst(1))
            .When(new PlaatsToewijzen(AanvraagId, Gevraagd, Dag(9), Systeem))
            .Then(Geplaatst(dag: 9, vanPositie: 1))
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.Ingediend, s.Status);
                Assert.Null(s.WachtlijstPositie);
            });

    [Fact]
    public void Een_aanvraag_in_behandeling_die_op_de_wachtlijst_kwam_gaat_na_plaatsing_verder_in_behandeling() =>
        IngediendeAanvraag().Given(InBehandeling(dag: 0), OpWachtlijst(1))
            .When(new PlaatsToewijzen(AanvraagId, Gevraagd, Dag(9), Systeem))
            .Then(Geplaatst(dag: 9, vanPositie: 1))
            .EnState(s => Assert.Equal(AanvraagStatus.InBehandeling, s.Status));

    [Fact]
    public void Een_aanvraag_verliest_een_plaats_die_ze_al_heeft_nooit_aan_de_wachtlijst() =>
        GeplaatsteAanvraag().When(new OpWachtlijstPlaatsen(AanvraagId, 1, Dag(2), Systeem)).ThenFout("ongeldige-overgang");

    [Fact]
    public void Als_het_tijdvak_definitief_is_wordt_de_wachtlijstaanvraag_afgewezen_wegens_het_plafond() =>
        IngediendeAanvraag().Given(OpWachtlijst(2))
            .When(new AfwijzenWegensPlafond(AanvraagId, Besluit1, Dag(200), Systeem))
            .Then(new AanvraagAfgewezen(
                AanvraagId, Besluit1, AfwijzingsRedenen.PlafondBereikt,
                "Het subsidieplafond van het tijdvak is bereikt; de subsidie wordt geweigerd.",
                Gevraagd, 0m, 2, null, Dag(200), Systeem, "Awb 4:25 lid 2"))
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.Afgewezen, s.Status);
                Assert.Null(s.WachtlijstPositie);
                Assert.Equal(BesluitSoort.Afwijzing, Assert.Single(s.Besluiten).Soort);
            });

    [Fact]
    public void Een_tweede_afwijzing_wegens_het_plafond_verandert_niets() =>
        IngediendeAanvraag().Given(OpWachtlijst(2))
            .When(new AfwijzenWegensPlafond(AanvraagId, Besluit1, Dag(200), Systeem))
            .Then(_ => { })
            .When(new AfwijzenWegensPlafond(AanvraagId, Besluit2, Dag(201), Systeem))
            .ThenGeenEvents();

    [Fact]
    public void Een_aanvraag_met_beslag_wordt_niet_wegens_het_plafond_afgewezen() =>
        GeplaatsteAanvraag().When(new AfwijzenWegensPlafond(AanvraagId, Besluit1, Dag(200), Systeem)).ThenFout("ongeldige-overgang");

    [Fact]
    public void Een_toegekende_aanvraag_krijgt_geen_nieuwe_plaats() =>
        ToegekendeAanvraag().When(new PlaatsToewijzen(AanvraagId, Gevraagd, Dag(20), Systeem)).ThenFout("ongeldige-overgang");

    [Fact]
    public void Een_ingetrokken_aanvraag_komt_niet_op_de_wachtlijst() =>
        IngediendeAanvraag()
            .Given(new AanvraagIngetrokken(AanvraagId, AanvraagStatus.Ingediend, null, Gevraagd, 0m, null, Dag(0), Indiener, Grondslagen.IntrekkingAanvraag))
            .When(new OpWachtlijstPlaatsen(AanvraagId, 1, Dag(1), Systeem))
            .ThenFout("ongeldige-overgang");
}
