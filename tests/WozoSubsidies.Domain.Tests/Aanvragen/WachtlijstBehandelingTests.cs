using WozoSubsidies.Domain.Aanvragen;
using static WozoSubsidies.Domain.Tests.Aanvragen.Voorbeeld;

namespace WozoSubsidies.Domain.Tests.Aanvragen;

/// <summary>Issue 4: a behandelaar may assess and refuse an aanvraag while it waits on the wachtlijst (LIFECYCLE.md: only a
/// toekenning needs a place); refusing it frees its wachtlijst position (the event carries it for the tijdvak).</summary>
public sealed class WachtlijstBehandelingTests
{
    private static Specificatie.SpecGegeven<AanvraagCommand, AanvraagEvent, AanvraagState> OpDeWachtlijst() => IngediendeAanvraag().Given(OpWachtlijst(positie: 3));

    private static AanvraagInBehandelingGenomen VanDeWachtlijstInBehandeling() =>
        new(AanvraagId, AanvraagStatus.OpWachtlijst, null, Dag(2), Anna, Grondslagen.Behandeling);

    [Fact]
    public void Een_aanvraag_op_de_wachtlijst_gaat_in_behandeling_en_houdt_haar_plaats_op_de_wachtlijst() =>
        OpDeWachtlijst()
            .When(new InBehandelingNemen(AanvraagId, Dag(2), Anna))
            .Then(VanDeWachtlijstInBehandeling())
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.OpWachtlijst, s.Status);
                Assert.Equal(3, s.WachtlijstPositie);
                Assert.True(Aanvraag.IsInBehandeling(s));
            });

    [Fact]
    public void Een_behandelaar_beoordeelt_een_aanvraag_op_de_wachtlijst() =>
        OpDeWachtlijst().Given(VanDeWachtlijstInBehandeling())
            .When(new Beoordelen(AanvraagId, Advies.Negatief, 30, "Te weinig jongeren in de doelgroep.", Dag(3), Anna))
            .Then(new AanvraagBeoordeeld(AanvraagId, Advies.Negatief, 30, "Te weinig jongeren in de doelgroep.", Dag(3), Anna, Grondslagen.Behandeling));

    [Fact]
    public void Een_afwijzing_van_een_aanvraag_op_de_wachtlijst_geeft_haar_positie_vrij() =>
        OpDeWachtlijst().Given(VanDeWachtlijstInBehandeling())
            .When(new Afwijzen(AanvraagId, Besluit1, AfwijzingsRedenen.Criteria, "Geen geclusterde woonvorm.", 100_000m, Dag(4), Anna))
            .Then(new AanvraagAfgewezen(AanvraagId, Besluit1, AfwijzingsRedenen.Criteria, "Geen geclusterde woonvorm.", Gevraagd, 0m, 3, null,
                Dag(4), Anna, Grondslagen.Weigering))
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.Afgewezen, s.Status);
                Assert.Null(s.WachtlijstPositie);
            });

    [Fact]
    public void Toekennen_op_de_wachtlijst_wordt_geweigerd_want_een_toekenning_vraagt_een_plaats() =>
        OpDeWachtlijst().Given(VanDeWachtlijstInBehandeling())
            .When(new Toekennen(AanvraagId, Besluit1, Gevraagd, 100_000m, Dag(4), Anna))
            .ThenFout("geen-plaats");

    [Fact]
    public void Krijgt_de_beoordeelde_aanvraag_een_plaats_dan_is_ze_in_behandeling_en_kan_ze_worden_toegekend() =>
        OpDeWachtlijst().Given(VanDeWachtlijstInBehandeling())
            .Given(new AanvraagPlaatsToegewezen(AanvraagId, 0m, Gevraagd, 3, Dag(5), Systeem, Grondslagen.Verdeling))
            .When(new Toekennen(AanvraagId, Besluit1, Gevraagd, 100_000m, Dag(6), Anna))
            .Then(_ => { })
            .EnState(s => Assert.Equal(AanvraagStatus.Toegekend, s.Status));

    [Fact]
    public void Een_aanvraag_op_de_wachtlijst_die_nog_niet_in_behandeling_is_wordt_niet_afgewezen_zonder_haar_eerst_te_behandelen() =>
        OpDeWachtlijst()
            .When(new Afwijzen(AanvraagId, Besluit1, AfwijzingsRedenen.Criteria, "Geen geclusterde woonvorm.", 100_000m, Dag(4), Anna))
            .ThenFout("ongeldige-overgang");

    [Fact]
    public void Een_tender_eist_een_score_bij_een_positieve_beoordeling_maar_niet_bij_een_negatieve()
    {
        AanvraagInBehandeling().When(new Beoordelen(AanvraagId, Advies.Positief, null, null, Dag(5), Anna, ScoreVerplicht: true)).ThenFout("score-verplicht");
        AanvraagInBehandeling().When(new Beoordelen(AanvraagId, Advies.Negatief, null, null, Dag(5), Anna, ScoreVerplicht: true)).Then(_ => { });
    }
}
