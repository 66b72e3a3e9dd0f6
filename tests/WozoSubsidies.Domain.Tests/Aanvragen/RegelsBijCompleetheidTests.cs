using WozoSubsidies.Domain.Aanvragen;
using WozoSubsidies.Domain.Regels;
using static WozoSubsidies.Domain.Tests.Aanvragen.Voorbeeld;

namespace WozoSubsidies.Domain.Tests.Aanvragen;

/// <summary>An aanvraag is judged by the rules version in force when it became complete; an aanvulling can complete it
/// on a day a newer version is in force.</summary>
public sealed class RegelsBijCompleetheidTests
{
    [Fact]
    public void Een_aanvulling_onder_een_nieuwe_regelversie_wordt_naar_die_versie_beoordeeld_en_het_bedrag_herberekend()
    {
        // Version 4 pays € 80 per begeleidingsuur instead of € 70: 10 jongeren × 4 uur × € 10 × 12 maanden = € 4,800 more.
        var nieuw = IwoParameters.Standaard with { BegeleidingTariefPerUur = 80m };
        AanvraagInBehandeling().Given(AanvullingVerzocht())
            .When(new AanvullingAanleveren(AanvraagId, "Bijgevoegd.", Dag(5), Indiener, 4, nieuw, TijdvakRegels.Geen))
            .Then(events =>
            {
                var e = Assert.IsType<AanvullingOntvangen>(Assert.Single(events));
                Assert.Equal(4, e.RegelsVersie);
                Assert.Equal(Gevraagd + 4_800m, e.AangevraagdBedrag);
                Assert.Empty(e.Overtredingen!);
            })
            .EnState(s =>
            {
                Assert.Equal(4, s.RegelsVersie);
                Assert.Equal(Gevraagd + 4_800m, s.AangevraagdBedrag);
            });
    }

    [Fact]
    public void Regels_die_onder_de_nieuwe_versie_niet_meer_gelden_worden_vastgelegd_voor_de_behandelaar()
    {
        // Version 4 allows at most 8 jongeren; the aanvraag has 10. The aanvulling is accepted, the violation recorded.
        var strenger = IwoParameters.Standaard with { MaximumJongeren = 8 };
        AanvraagInBehandeling().Given(AanvullingVerzocht())
            .When(new AanvullingAanleveren(AanvraagId, "Bijgevoegd.", Dag(5), Indiener, 4, strenger, TijdvakRegels.Geen))
            .Then(events =>
            {
                var e = Assert.IsType<AanvullingOntvangen>(Assert.Single(events));
                Assert.Contains(e.Overtredingen!, o => o.Code == "iwo-aantal-jongeren");
            })
            .EnState(s => Assert.Equal(AanvraagStatus.Ingediend, s.Status));
    }

    [Fact]
    public void Onder_dezelfde_regelversie_blijven_versie_en_bedrag_van_de_indiening()
    {
        AanvraagInBehandeling().Given(AanvullingVerzocht())
            .When(new AanvullingAanleveren(AanvraagId, "Bijgevoegd.", Dag(5), Indiener, 3, IwoParameters.Standaard, TijdvakRegels.Geen))
            .Then(events => Assert.Null(Assert.IsType<AanvullingOntvangen>(Assert.Single(events)).RegelsVersie))
            .EnState(s =>
            {
                Assert.Equal(3, s.RegelsVersie);
                Assert.Equal(Gevraagd, s.AangevraagdBedrag);
            });
    }
}
