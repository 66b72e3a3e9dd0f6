using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Tests.Specificatie;
using WozoSubsidies.Domain.Tijdvakken;
using static WozoSubsidies.Domain.Tests.Tijdvakken.TijdvakVoorbeeld;

namespace WozoSubsidies.Domain.Tests.Tijdvakken;

/// <summary>Issue 4: a gegrond bezwaar that puts a refused aanvraag back in behandeling gives it a place again in the order
/// of receipt it had: beslag when it fits and nobody received after it waits, otherwise the wachtlijst before those received
/// later; in a definitief tijdvak what does not fit is refused (Awb 4:25 lid 2). Beslag + toegekend stays within the plafond.</summary>
public sealed class HerplaatsingSpecificaties
{
    private static SpecGegeven<TijdvakCommand, TijdvakEvent, TijdvakState> Tijdvak_() => Spec.Voor(Tijdvak.Decider);

    private static readonly DateTimeOffset Bezwaar = Op(Dag(60));
    private static readonly DateTimeOffset OntvangenTwee = Op(Dag(0), 10);

    // Plafond 1000: aanvraag 1 holds 600, aanvraag 2 held 300 until it was refused; 400 beschikbaar.
    private static readonly TijdvakEvent[] NaAfwijzing =
    [
        Gepland(), Geopend(), AllesGeplaatst(Dag(0), 1_000m, Ontvangst(1, 600m, Dag(0), 9), Ontvangst(2, 300m, Dag(0), 10)),
        new BeslagVrijgegeven(Id, Aanvraag(2), 300m, VrijgaveReden.Afwijzing, Op(Dag(5)), Behandelaar),
    ];

    // The next day aanvraag 3 took 350 of the 400; aanvraag 4 (200) waits.
    private static readonly TijdvakEvent[] MetWachtende =
    [
        .. NaAfwijzing,
        new DagAfgesloten(Id, Dag(6), [Ontvangst(3, 350m, Dag(6)), Ontvangst(4, 200m, Dag(6), 11)], null,
            [new Plaatsing(Aanvraag(3), 350m)], [new WachtlijstPlaatsing(Aanvraag(4), 200m, 1)], 400m, 50m, Regelgrond.VolgordeVanOntvangst,
            NaAfloop(Dag(6)), Systeem),
    ];

    private static NaBezwaarHerplaatsen Herplaats(int aanvraag = 2, decimal bedrag = 300m) =>
        new(Id, Aanvraag(aanvraag), bedrag, OntvangenTwee, Bezwaar, Behandelaar);

    [Fact]
    public void Na_een_gegrond_bezwaar_krijgt_de_aanvraag_weer_beslag_als_het_past() =>
        Tijdvak_().Given(NaAfwijzing)
            .When(Herplaats())
            .Then(new NaBezwaarHerplaatst(Id, Aanvraag(2), 300m, OntvangenTwee, PlaatsStatus.Beslag, null, 400m, Regelgrond.HerplaatsingNaBezwaar, Bezwaar, Behandelaar))
            .EnState(s =>
            {
                Assert.Equal(900m, s.Beslag);
                Assert.Equal(PlaatsStatus.Beslag, s.Aanvragen[Aanvraag(2)].Status);
            });

    [Fact]
    public void Past_het_niet_meer_dan_komt_ze_op_de_wachtlijst_voor_wie_later_werd_ontvangen() =>
        Tijdvak_().Given(MetWachtende)
            .When(Herplaats())
            .Then(new NaBezwaarHerplaatst(Id, Aanvraag(2), 300m, OntvangenTwee, PlaatsStatus.OpWachtlijst, 1, 50m, Regelgrond.HerplaatsingNaBezwaar, Bezwaar, Behandelaar))
            .EnState(s =>
            {
                Assert.Equal([Aanvraag(2), Aanvraag(4)], s.Wachtlijst);
                Assert.Equal(950m, s.Beslag);
            });

    [Fact]
    public void Een_vrijkomend_beslag_gaat_daarna_eerst_naar_de_herplaatste_aanvraag() =>
        Tijdvak_().Given(MetWachtende)
            .Given(new NaBezwaarHerplaatst(Id, Aanvraag(2), 300m, OntvangenTwee, PlaatsStatus.OpWachtlijst, 1, 50m, Regelgrond.HerplaatsingNaBezwaar, Bezwaar, Behandelaar))
            .When(new BeslagVrijgeven(Id, Aanvraag(3), VrijgaveReden.Intrekking, Op(Dag(61)), Behandelaar))
            .Then(
                new BeslagVrijgegeven(Id, Aanvraag(3), 350m, VrijgaveReden.Intrekking, Op(Dag(61)), Behandelaar),
                new WachtlijstOpgeschoven(Id, [new Plaatsing(Aanvraag(2), 300m)], 400m, 100m, 1, Regelgrond.Wachtlijst, Op(Dag(61)), Behandelaar))
            .EnState(s => Assert.Equal([Aanvraag(4)], s.Wachtlijst));

    [Fact]
    public void In_een_definitief_tijdvak_wordt_wat_niet_past_geweigerd_wegens_het_plafond() =>
        Tijdvak_().Given(MetWachtende)
            .Given(new TijdvakGesloten(Id, Sluit, [Dag(0), Dag(6)], NaAfloop(Sluit), Systeem),
                new TijdvakDefinitiefVerklaard(Id, [new PlafondAfwijzing(Aanvraag(4), 200m, 1)], 1_000m, 0m, 50m, Tijdvak.PlafondBereiktCode,
                    Regelgrond.PlafondBereikt, NaAfloop(Sluit), Systeem))
            .When(Herplaats())
            .Then(new NaBezwaarHerplaatst(Id, Aanvraag(2), 300m, OntvangenTwee, PlaatsStatus.AfgewezenWegensPlafond, null, 50m,
                Regelgrond.HerplaatsingNaBezwaar, Bezwaar, Behandelaar));

    [Fact]
    public void Herplaatsen_van_een_aanvraag_met_een_plaats_verandert_niets() =>
        Tijdvak_().Given(NaAfwijzing)
            .Given(new NaBezwaarHerplaatst(Id, Aanvraag(2), 300m, OntvangenTwee, PlaatsStatus.Beslag, null, 400m, Regelgrond.HerplaatsingNaBezwaar, Bezwaar, Behandelaar))
            .When(Herplaats())
            .ThenGeenEvents();

    [Fact]
    public void Een_tender_die_nog_niet_gerangschikt_is_neemt_haar_mee_in_de_rangschikking() =>
        Tijdvak_().Given(Gepland(1_000m, Verdeelmethode.Rangschikking), Geopend())
            .When(Herplaats())
            .ThenGeenEvents();

    [Fact]
    public void Een_aanvraag_waarvan_de_dag_nog_niet_is_afgesloten_krijgt_haar_plaats_bij_die_dag() =>
        Tijdvak_().Given(Gepland(), Geopend())
            .When(Herplaats(aanvraag: 7))
            .ThenGeenEvents();
}
