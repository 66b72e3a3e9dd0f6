using System.Text.Json;
using WozoSubsidies.Domain.Tests.Specificatie;
using WozoSubsidies.Domain.Tijdvakken;
using static WozoSubsidies.Domain.Tests.Tijdvakken.TijdvakVoorbeeld;

namespace WozoSubsidies.Domain.Tests.Tijdvakken;

/// <summary>A gegrond bezwaar that grants (more) subsidy books it directly against what is beschikbaar: the aanvraag holds
/// no beslag any more, and the plafond still holds (Awb 4:25 lid 2, LIFECYCLE.md "The invariant").</summary>
public sealed class HerzieneToekenningSpecificaties
{
    private static SpecGegeven<TijdvakCommand, TijdvakEvent, TijdvakState> Tijdvak_() => Spec.Voor(Tijdvak.Decider);

    // Plafond 1000: aanvraag 1 holds 600, aanvraag 2 holds 300; 100 beschikbaar.
    private static readonly TijdvakEvent[] MetBeslag =
        [Gepland(), Geopend(), AllesGeplaatst(Dag(0), 1_000m, Ontvangst(1, 600m, Dag(0), 9), Ontvangst(2, 300m, Dag(0), 10))];

    // Aanvraag 2 was refused: its 300 came free, so 400 is beschikbaar.
    private static readonly TijdvakEvent[] NaAfwijzing =
        [.. MetBeslag, new BeslagVrijgegeven(Id, Aanvraag(2), 300m, VrijgaveReden.Afwijzing, Op(Dag(5)), Behandelaar)];

    [Fact]
    public void Een_afwijzing_die_na_bezwaar_een_toekenning_wordt_boekt_het_bedrag_tegen_het_beschikbare_budget() =>
        Tijdvak_().Given(NaAfwijzing)
            .When(new HerzieneToekenningBoeken(Id, Aanvraag(2), 250m, Op(Dag(60)), Behandelaar))
            .Then(new HerzieneToekenningGeboekt(Id, Aanvraag(2), 0m, 250m, 400m, Op(Dag(60)), Behandelaar))
            .EnState(s =>
            {
                Assert.Equal(250m, s.Toegekend);
                Assert.Equal(600m, s.Beslag);
                Assert.Equal(150m, s.Beschikbaar);
                Assert.Equal(PlaatsStatus.Toegekend, s.Aanvragen[Aanvraag(2)].Status);
                Assert.Equal(250m, s.Aanvragen[Aanvraag(2)].Toegekend);
            });

    [Fact]
    public void Een_herziene_toekenning_die_niet_in_het_beschikbare_budget_past_wordt_geweigerd_wegens_het_plafond() =>
        Tijdvak_().Given(NaAfwijzing)
            .When(new HerzieneToekenningBoeken(Id, Aanvraag(2), 400.01m, Op(Dag(60)), Behandelaar))
            .ThenFout(Tijdvak.PlafondBereiktCode);

    [Fact]
    public void Een_herziene_toekenning_die_precies_past_brengt_beslag_en_toegekend_samen_op_het_plafond() =>
        Tijdvak_().Given(NaAfwijzing)
            .When(new HerzieneToekenningBoeken(Id, Aanvraag(2), 400m, Op(Dag(60)), Behandelaar))
            .Then(new HerzieneToekenningGeboekt(Id, Aanvraag(2), 0m, 400m, 400m, Op(Dag(60)), Behandelaar))
            .EnState(s => Assert.Equal(s.Plafond, s.Beslag + s.Toegekend));

    [Fact]
    public void Een_aanvraag_die_nooit_een_plaats_had_krijgt_na_bezwaar_een_toekenning_in_het_grootboek() =>
        Tijdvak_().Given(MetBeslag)
            .When(new HerzieneToekenningBoeken(Id, Aanvraag(9), 100m, Op(Dag(60)), Behandelaar))
            .Then(new HerzieneToekenningGeboekt(Id, Aanvraag(9), 0m, 100m, 100m, Op(Dag(60)), Behandelaar))
            .EnState(s =>
            {
                Assert.Equal(100m, s.Aanvragen[Aanvraag(9)].Toegekend);
                Assert.Equal(0m, s.Beschikbaar);
            });

    [Fact]
    public void Een_toekenning_die_na_bezwaar_hoger_wordt_boekt_alleen_het_verschil()
    {
        Tijdvak_().Given(MetBeslag).Given(new ToekenningGeboekt(Id, Aanvraag(1), 600m, 500m, 100m, Op(Dag(10)), Behandelaar))
            .When(new HerzieneToekenningBoeken(Id, Aanvraag(1), 600m, Op(Dag(60)), Behandelaar))
            .Then(new HerzieneToekenningGeboekt(Id, Aanvraag(1), 500m, 600m, 200m, Op(Dag(60)), Behandelaar))
            .EnState(s =>
            {
                Assert.Equal(600m, s.Toegekend);
                Assert.Equal(100m, s.Beschikbaar);
            });
    }

    [Fact]
    public void Dezelfde_herziene_toekenning_twee_keer_boeken_verandert_niets() =>
        Tijdvak_().Given(NaAfwijzing).Given(new HerzieneToekenningGeboekt(Id, Aanvraag(2), 0m, 250m, 400m, Op(Dag(60)), Behandelaar))
            .When(new HerzieneToekenningBoeken(Id, Aanvraag(2), 250m, Op(Dag(61)), Behandelaar))
            .ThenGeenEvents();

    [Fact]
    public void Een_herziene_toekenning_verlaagt_nooit_een_toekenning() =>
        Tijdvak_().Given(NaAfwijzing).Given(new HerzieneToekenningGeboekt(Id, Aanvraag(2), 0m, 250m, 400m, Op(Dag(60)), Behandelaar))
            .When(new HerzieneToekenningBoeken(Id, Aanvraag(2), 200m, Op(Dag(61)), Behandelaar))
            .ThenFout("verlaging-niet-toegestaan");

    [Fact]
    public void Een_aanvraag_met_beslag_gebruikt_de_gewone_toekenning() =>
        Tijdvak_().Given(MetBeslag)
            .When(new HerzieneToekenningBoeken(Id, Aanvraag(1), 600m, Op(Dag(60)), Behandelaar))
            .ThenFout("aanvraag-heeft-beslag");

    [Fact]
    public void Het_event_overleeft_een_json_rondreis_onder_zijn_geregistreerde_naam()
    {
        var e = new HerzieneToekenningGeboekt(Id, Aanvraag(2), 0m, 250.5m, 400m, Op(Dag(60)), Behandelaar);
        Assert.Equal("herziene-toekenning-geboekt.v1", DomeinEvents.NaamVan(typeof(HerzieneToekenningGeboekt)));
        var terug = JsonSerializer.Deserialize<HerzieneToekenningGeboekt>(JsonSerializer.Serialize(e));
        Assert.True(Structuur.Gelijk(e, terug));
    }
}
