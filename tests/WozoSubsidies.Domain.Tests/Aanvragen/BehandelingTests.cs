using WozoSubsidies.Domain.Aanvragen;
using static WozoSubsidies.Domain.Tests.Aanvragen.Voorbeeld;

namespace WozoSubsidies.Domain.Tests.Aanvragen;

public sealed class BehandelingTests
{
    [Fact]
    public void Een_behandelaar_neemt_een_geplaatste_aanvraag_in_behandeling() =>
        GeplaatsteAanvraag()
            .When(new InBehandelingNemen(AanvraagId, Dag(2), Anna))
            .Then(InBehandeling())
            .EnState(s => Assert.Equal(AanvraagStatus.InBehandeling, s.Status));

    [Fact]
    public void Een_aanvraag_die_nog_op_haar_plaats_wacht_kan_al_in_behandeling_worden_genomen_voor_een_tender() =>
        IngediendeAanvraag()
            .When(new InBehandelingNemen(AanvraagId, Dag(0), Anna))
            .Then(InBehandeling(dag: 0))
            .EnState(s => Assert.True(s.WachtOpPlaatsing));


    [Fact]
    public void Een_aanvraag_die_al_in_behandeling_is_kan_niet_nog_eens_in_behandeling_worden_genomen()
    {
        var fout = AanvraagInBehandeling().When(new InBehandelingNemen(AanvraagId, Dag(3), Bram)).ThenFout("ongeldige-overgang");
        Assert.Contains("InBehandeling", fout.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Een_beoordeling_legt_advies_score_en_toelichting_vast() =>
        AanvraagInBehandeling()
            .When(new Beoordelen(AanvraagId, Advies.Positief, 82, "Sterk plan.", Dag(5), Anna))
            .Then(new AanvraagBeoordeeld(AanvraagId, Advies.Positief, 82, "Sterk plan.", Dag(5), Anna, "Awb 3:2"))
            .EnState(s =>
            {
                Assert.Equal(Advies.Positief, s.Beoordeling!.Advies);
                Assert.Equal(82, s.Beoordeling.Score);
                Assert.Equal(AanvraagStatus.InBehandeling, s.Status);
            });

    [Fact]
    public void Een_beoordeling_zonder_score_is_ook_goed() =>
        AanvraagInBehandeling()
            .When(new Beoordelen(AanvraagId, Advies.Negatief, null, null, Dag(5), Anna))
            .Then(new AanvraagBeoordeeld(AanvraagId, Advies.Negatief, null, null, Dag(5), Anna, "Awb 3:2"));

    [Fact]
    public void Een_nieuwe_beoordeling_vervangt_de_vorige() =>
        AanvraagInBehandeling()
            .Given(new AanvraagBeoordeeld(AanvraagId, Advies.Negatief, 20, null, Dag(4), Anna, Grondslagen.Behandeling))
            .When(new Beoordelen(AanvraagId, Advies.Positief, 70, "Na gesprek.", Dag(6), Bram))
            .Then(_ => { })
            .EnState(s => Assert.Equal(70, s.Beoordeling!.Score));

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Een_score_buiten_0_tot_100_wordt_geweigerd(int score) =>
        AanvraagInBehandeling().When(new Beoordelen(AanvraagId, Advies.Positief, score, null, Dag(5), Anna)).ThenFout("score-ongeldig");

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void De_grenzen_0_en_100_zijn_geldige_scores(int score) =>
        AanvraagInBehandeling().When(new Beoordelen(AanvraagId, Advies.Positief, score, null, Dag(5), Anna)).Then(_ => { });

    [Fact]
    public void Een_aanvraag_die_niet_in_behandeling_is_wordt_niet_beoordeeld() =>
        GeplaatsteAanvraag().When(new Beoordelen(AanvraagId, Advies.Positief, 50, null, Dag(5), Anna)).ThenFout("ongeldige-overgang");
}
