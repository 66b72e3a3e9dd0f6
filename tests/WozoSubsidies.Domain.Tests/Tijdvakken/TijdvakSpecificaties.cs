using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Regels;
using WozoSubsidies.Domain.Tests.Specificatie;
using WozoSubsidies.Domain.Tijdvakken;
using static WozoSubsidies.Domain.Tests.Tijdvakken.TijdvakVoorbeeld;

namespace WozoSubsidies.Domain.Tests.Tijdvakken;

/// <summary>Every transition of a tijdvak and every rule it enforces, one business sentence each.</summary>
public sealed class TijdvakSpecificaties
{
    private static SpecGegeven<TijdvakCommand, TijdvakEvent, TijdvakState> Tijdvak_() => Spec.Voor(Tijdvak.Decider);

    private static readonly TijdvakEvent[] OpenMetDuizend = [Gepland(), Geopend()];

    // ---- plannen ----

    [Fact]
    public void Een_tijdvak_wordt_gepland_met_periode_plafond_en_uitnodigingen()
    {
        var nu = Op(Opent.AddDays(-30));
        Tijdvak_()
            .When(new TijdvakPlannen(Id, "REABLEMENT", " Ronde 1 ", Opent, Sluit, 800_000m, Verdeelmethode.Rangschikking, TijdvakRegels.Geen,
                ["12345678", " 87654321", "12345678"], nu, Beheerder))
            .Then(new TijdvakGepland(Id, "REABLEMENT", "Ronde 1", Opent, Sluit, 800_000m, Verdeelmethode.Rangschikking, TijdvakRegels.Geen,
                ["12345678", "87654321"], nu, Beheerder))
            .EnState(s =>
            {
                Assert.Equal(TijdvakStatus.Gepland, s.Status);
                Assert.True(Tijdvak.MagIndienen(s, "87654321"));
                Assert.False(Tijdvak.MagIndienen(s, "11111111"));
            });
    }

    [Fact]
    public void Zonder_uitnodigingen_mag_iedereen_indienen()
    {
        Assert.True(Tijdvak.MagIndienen(Tijdvak_().Given(Gepland()).State, "11111111"));
    }

    [Fact]
    public void Een_tijdvak_dat_sluit_voor_het_opent_wordt_geweigerd() =>
        Tijdvak_()
            .When(new TijdvakPlannen(Id, "SZGW", "Tranche 1", Sluit, Opent, 1m, Verdeelmethode.VolgordeVanBinnenkomst, TijdvakRegels.Geen, [], Op(Opent), Beheerder))
            .ThenFout("tijdvak-periode-ongeldig");

    [Fact]
    public void Een_plafond_in_fracties_van_centen_wordt_geweigerd() =>
        Tijdvak_()
            .When(new TijdvakPlannen(Id, "SZGW", "Tranche 1", Opent, Sluit, 1.001m, Verdeelmethode.VolgordeVanBinnenkomst, TijdvakRegels.Geen, [], Op(Opent), Beheerder))
            .ThenFout("bedrag-ongeldig");

    [Fact]
    public void Een_tijdvak_wordt_niet_twee_keer_gepland() =>
        Tijdvak_().Given(Gepland())
            .When(new TijdvakPlannen(Id, "SZGW", "Tranche 1", Opent, Sluit, 1m, Verdeelmethode.VolgordeVanBinnenkomst, TijdvakRegels.Geen, [], Op(Opent), Beheerder))
            .ThenFout("tijdvak-bestaat");

    [Fact]
    public void Een_commando_voor_een_ongepland_tijdvak_wordt_geweigerd() =>
        Tijdvak_().When(new TijdvakOpenen(Id, Op(Opent), Systeem)).ThenFout("tijdvak-onbekend");

    // ---- openen ----

    [Fact]
    public void Op_de_openingsdag_gaat_het_tijdvak_open() =>
        Tijdvak_().Given(Gepland())
            .When(new TijdvakOpenen(Id, Op(Opent, 0, 1), Systeem))
            .Then(Geopend())
            .EnState(s => Assert.True(Tijdvak.AanvaardtAanvragen(s, Op(Opent, 9))));

    [Fact]
    public void Openen_voor_de_openingsdag_wordt_geweigerd() =>
        Tijdvak_().Given(Gepland())
            .When(new TijdvakOpenen(Id, Op(Opent.AddDays(-1), 23, 59), Systeem))
            .ThenFout("openingsdatum-niet-bereikt");

    [Fact]
    public void Openen_na_de_sluitingsdatum_wordt_geweigerd() =>
        Tijdvak_().Given(Gepland())
            .When(new TijdvakOpenen(Id, NaAfloop(Sluit), Systeem))
            .ThenFout("sluitingsdatum-verstreken");

    [Fact]
    public void Een_tijdvak_zonder_vastgesteld_plafond_gaat_niet_open() =>
        Tijdvak_().Given(Gepland(plafond: null))
            .When(new TijdvakOpenen(Id, Op(Opent), Systeem))
            .ThenFout("plafond-niet-vastgesteld");

    [Fact]
    public void Een_nog_niet_vastgesteld_plafond_kan_voor_opening_worden_vastgesteld_en_dan_gaat_het_open() =>
        Tijdvak_().Given(Gepland(plafond: null))
            .When(new BudgetplafondWijzigen(Id, 1_000m, "Plafond tranche 2 bekendgemaakt", Op(Opent.AddDays(-1)), Beheerder))
            .Then(new BudgetplafondGewijzigd(Id, null, 1_000m, 0m, "Plafond tranche 2 bekendgemaakt", Op(Opent.AddDays(-1)), Beheerder))
            .When(new TijdvakOpenen(Id, Op(Opent, 0, 1), Systeem))
            .Then(Geopend());

    [Fact]
    public void Openen_is_idempotent_want_de_job_kan_twee_keer_lopen() =>
        Tijdvak_().Given(OpenMetDuizend).When(new TijdvakOpenen(Id, Op(Opent, 0, 2), Systeem)).ThenGeenEvents();

    [Fact]
    public void Een_gesloten_tijdvak_gaat_niet_opnieuw_open() =>
        Tijdvak_().Given(OpenMetDuizend).Given(new TijdvakGesloten(Id, Sluit, [], NaAfloop(Sluit), Systeem))
            .When(new TijdvakOpenen(Id, NaAfloop(Sluit), Systeem))
            .ThenFout("tijdvak-gesloten");

    [Fact]
    public void Buiten_de_openingsdagen_aanvaardt_het_tijdvak_geen_aanvragen()
    {
        var s = Tijdvak_().Given(OpenMetDuizend).State;
        Assert.True(Tijdvak.AanvaardtAanvragen(s, Op(Sluit, 23, 59)));
        Assert.False(Tijdvak.AanvaardtAanvragen(s, Amsterdam.EindeVan(Sluit)));
        Assert.False(Tijdvak.AanvaardtAanvragen(Tijdvak_().Given(Gepland()).State, Op(Opent)));
    }

    // ---- dag afsluiten ----

    [Fact]
    public void Als_de_aanvragen_van_een_dag_passen_krijgen_ze_beslag_in_volgorde_van_ontvangst()
    {
        var laat = Ontvangst(2, 300m, Dag(0), 15);
        var vroeg = Ontvangst(1, 200m, Dag(0), 9);
        Tijdvak_().Given(OpenMetDuizend)
            .When(Afsluiten(Dag(0), 42, laat, vroeg))
            .Then(AllesGeplaatst(Dag(0), 1_000m, vroeg, laat))
            .EnState(s =>
            {
                Assert.Equal(500m, s.Beslag);
                Assert.Equal(500m, s.Beschikbaar);
                Assert.Equal(PlaatsStatus.Beslag, s.Aanvragen[Aanvraag(1)].Status);
            });
    }

    [Fact]
    public void Een_dag_afsluiten_voordat_hij_voorbij_is_wordt_geweigerd() =>
        Tijdvak_().Given(OpenMetDuizend)
            .When(new DagAfsluiten(Id, Dag(0), [Ontvangst(1, 1m, Dag(0))], 1, Op(Dag(0), 23, 59), Systeem))
            .ThenFout("dag-niet-voorbij");

    [Fact]
    public void De_dag_wisselt_om_middernacht_in_Amsterdam_niet_in_UTC()
    {
        // 2023-09-16 00:30 in Amsterdam is 2023-09-15 22:30 UTC: the aanvraag belongs to the 16th.
        var ontvangst = new Ontvangst(Aanvraag(1), 10m, new DateTimeOffset(2023, 9, 15, 22, 30, 0, TimeSpan.Zero));
        Tijdvak_().Given(OpenMetDuizend).When(Afsluiten(Dag(0), 1, ontvangst)).ThenFout("ontvangst-andere-dag");
        Tijdvak_().Given(OpenMetDuizend).When(Afsluiten(Dag(1), 1, ontvangst)).Then(AllesGeplaatst(Dag(1), 1_000m, ontvangst));
    }

    [Fact]
    public void Een_aanvraag_twee_keer_in_dezelfde_ontvangsten_wordt_geweigerd() =>
        Tijdvak_().Given(OpenMetDuizend)
            .When(Afsluiten(Dag(0), 1, Ontvangst(1, 1m, Dag(0)), Ontvangst(1, 1m, Dag(0), 11)))
            .ThenFout("ontvangst-dubbel");

    [Fact]
    public void Een_ontvangst_zonder_bedrag_wordt_geweigerd() =>
        Tijdvak_().Given(OpenMetDuizend).When(Afsluiten(Dag(0), 1, Ontvangst(1, 0m, Dag(0)))).ThenFout("bedrag-ongeldig");

    [Fact]
    public void Een_dag_voor_de_opening_wordt_niet_verdeeld() =>
        Tijdvak_().Given(OpenMetDuizend).When(Afsluiten(Opent.AddDays(-1), 1, Ontvangst(1, 1m, Opent.AddDays(-1)))).ThenFout("dag-voor-opening");

    [Fact]
    public void Een_gepland_tijdvak_verdeelt_nog_geen_dagen() =>
        Tijdvak_().Given(Gepland()).When(Afsluiten(Dag(0), 1, Ontvangst(1, 1m, Dag(0)))).ThenFout("tijdvak-niet-open");

    [Fact]
    public void Een_tender_tijdvak_verdeelt_niet_per_dag() =>
        Tijdvak_().Given(Gepland(verdeelmethode: Verdeelmethode.Rangschikking), Geopend())
            .When(Afsluiten(Dag(0), 1, Ontvangst(1, 1m, Dag(0))))
            .ThenFout("verdeelmethode-rangschikking");

    [Fact]
    public void Een_dag_twee_keer_afsluiten_verandert_niets_want_het_is_idempotent_per_aanvraag()
    {
        var o = Ontvangst(1, 100m, Dag(0));
        Tijdvak_().Given(OpenMetDuizend).Given(AllesGeplaatst(Dag(0), 1_000m, o))
            .When(Afsluiten(Dag(0), 99, o))
            .ThenGeenEvents();
    }

    [Fact]
    public void Een_dag_zonder_aanvragen_wordt_toch_als_afgesloten_vastgelegd() =>
        Tijdvak_().Given(OpenMetDuizend)
            .When(Afsluiten(Dag(0), 7))
            .Then(new DagAfgesloten(Id, Dag(0), [], null, [], [], 1_000m, 1_000m, Regelgrond.VolgordeVanOntvangst, NaAfloop(Dag(0)), Systeem))
            .EnState(s => Assert.Contains(Dag(0), s.AfgeslotenDagen));

    [Fact]
    public void Als_de_aanvragen_van_een_dag_niet_passen_bepaalt_de_loting_de_volgorde_en_de_rest_wacht()
    {
        var a = Ontvangst(1, 400m, Dag(0), 9);
        var b = Ontvangst(2, 400m, Dag(0), 10);
        var c = Ontvangst(3, 400m, Dag(0), 11);
        const long seed = 20230915;
        var volgorde = Loting.Schud([a, b, c], seed);
        Tijdvak_().Given(OpenMetDuizend)
            .When(Afsluiten(Dag(0), seed, c, a, b))
            .Then(new DagAfgesloten(Id, Dag(0), [a, b, c],
                new LotingUitslag(seed, [a.AanvraagId, b.AanvraagId, c.AanvraagId], [.. volgorde.Select(o => o.AanvraagId)]),
                [new Plaatsing(volgorde[0].AanvraagId, 400m), new Plaatsing(volgorde[1].AanvraagId, 400m)],
                [new WachtlijstPlaatsing(volgorde[2].AanvraagId, 400m, 1)],
                1_000m, 200m, Regelgrond.Loting, NaAfloop(Dag(0)), Systeem))
            .EnState(s => Assert.Equal([volgorde[2].AanvraagId], s.Wachtlijst));
    }

    [Fact]
    public void Na_de_eerste_die_niet_past_wacht_ook_een_kleinere_zodat_niemand_een_eerdere_passeert()
    {
        // 500 left; 900 and 50 arrive the same day, together too much: whatever the draw, nobody passes the one drawn before it.
        foreach (var seed in new long[] { 1, 2, 3, 4, 5, 6, 7, 8 })
        {
            Tijdvak_().Given(OpenMetDuizend).Given(AllesGeplaatst(Dag(0), 1_000m, Ontvangst(9, 500m, Dag(0), 8)))
                .When(Afsluiten(Dag(1), seed, Ontvangst(1, 900m, Dag(1)), Ontvangst(2, 50m, Dag(1), 11)))
                .Then(events =>
                {
                    var dag = Assert.IsType<DagAfgesloten>(Assert.Single(events));
                    var volgorde = Assert.IsType<LotingUitslag>(dag.Loting).Volgorde;
                    Assert.Equal(volgorde.Take(dag.Plaatsingen.Count), dag.Plaatsingen.Select(p => p.AanvraagId));
                    Assert.Equal(volgorde.Skip(dag.Plaatsingen.Count), dag.OpWachtlijst.Select(w => w.AanvraagId));
                    // Drawn first, the 900 waits and the 50 waits behind it; drawn second, it waits alone.
                    Assert.Equal(volgorde[0] == Aanvraag(1) ? 0 : 1, dag.Plaatsingen.Count);
                });
        }
    }

    [Fact]
    public void Zolang_er_een_wachtlijst_is_sluiten_nieuwe_aanvragen_achteraan_aan()
    {
        var wacht = new DagAfgesloten(Id, Dag(0), [Ontvangst(1, 900m, Dag(0)), Ontvangst(2, 900m, Dag(0), 11)],
            new LotingUitslag(1, [Aanvraag(1), Aanvraag(2)], [Aanvraag(1), Aanvraag(2)]),
            [new Plaatsing(Aanvraag(1), 900m)], [new WachtlijstPlaatsing(Aanvraag(2), 900m, 1)], 1_000m, 100m, Regelgrond.Loting, NaAfloop(Dag(0)), Systeem);
        var klein = Ontvangst(3, 10m, Dag(1));
        // 10 would fit in the 100 left, but aanvraag 2 came first and waits: nobody passes it.
        Tijdvak_().Given(OpenMetDuizend).Given(wacht)
            .When(Afsluiten(Dag(1), 5, klein))
            .Then(new DagAfgesloten(Id, Dag(1), [klein], null, [], [new WachtlijstPlaatsing(klein.AanvraagId, 10m, 2)], 100m, 100m,
                Regelgrond.VolgordeVanOntvangst, NaAfloop(Dag(1)), Systeem))
            .EnState(s => Assert.Equal([Aanvraag(2), Aanvraag(3)], s.Wachtlijst));
    }

    // ---- toekenning ----

    private static readonly TijdvakEvent[] MetBeslag =
        [Gepland(), Geopend(), AllesGeplaatst(Dag(0), 1_000m, Ontvangst(1, 600m, Dag(0), 9), Ontvangst(2, 300m, Dag(0), 10))];

    private static DagAfgesloten MetWachtende(DateOnly dag, decimal beschikbaarVoor, int aanvraag, decimal bedrag, int positie) =>
        new(Id, dag, [Ontvangst(aanvraag, bedrag, dag)], null, [], [new WachtlijstPlaatsing(Aanvraag(aanvraag), bedrag, positie)],
            beschikbaarVoor, beschikbaarVoor, Regelgrond.VolgordeVanOntvangst, NaAfloop(dag), Systeem);

    [Fact]
    public void Een_toekenning_zet_beslag_om_in_toegekend() =>
        Tijdvak_().Given(MetBeslag)
            .When(new ToekenningBoeken(Id, Aanvraag(1), 600m, Op(Dag(10)), Behandelaar))
            .Then(new ToekenningGeboekt(Id, Aanvraag(1), 600m, 600m, 0m, Op(Dag(10)), Behandelaar))
            .EnState(s =>
            {
                Assert.Equal(300m, s.Beslag);
                Assert.Equal(600m, s.Toegekend);
                Assert.Equal(100m, s.Beschikbaar);
            });

    [Fact]
    public void Een_lagere_toekenning_geeft_het_verschil_aan_de_eerste_op_de_wachtlijst()
    {
        Tijdvak_().Given(MetBeslag).Given(MetWachtende(Dag(1), 100m, 3, 250m, 1), MetWachtende(Dag(2), 100m, 4, 50m, 2))
            .When(new ToekenningBoeken(Id, Aanvraag(1), 400m, Op(Dag(10)), Behandelaar))
            .Then(
                new ToekenningGeboekt(Id, Aanvraag(1), 600m, 400m, 200m, Op(Dag(10)), Behandelaar),
                new WachtlijstOpgeschoven(Id, [new Plaatsing(Aanvraag(3), 250m), new Plaatsing(Aanvraag(4), 50m)], 300m, 0m, 0,
                    Regelgrond.Wachtlijst, Op(Dag(10)), Behandelaar))
            .EnState(s => Assert.Empty(s.Wachtlijst));
    }

    [Fact]
    public void Een_toekenning_boven_het_beslag_wordt_geweigerd() =>
        Tijdvak_().Given(MetBeslag).When(new ToekenningBoeken(Id, Aanvraag(2), 300.01m, Op(Dag(10)), Behandelaar)).ThenFout("toekenning-boven-beslag");

    [Fact]
    public void Een_toekenning_zonder_plaats_wordt_geweigerd() =>
        Tijdvak_().Given(MetBeslag).When(new ToekenningBoeken(Id, Aanvraag(77), 1m, Op(Dag(10)), Behandelaar)).ThenFout("geen-beslag");

    [Fact]
    public void Een_toekenning_voor_een_wachtende_aanvraag_wordt_geweigerd() =>
        Tijdvak_().Given(MetBeslag).Given(MetWachtende(Dag(1), 100m, 3, 250m, 1))
            .When(new ToekenningBoeken(Id, Aanvraag(3), 250m, Op(Dag(10)), Behandelaar))
            .ThenFout("aanvraag-op-wachtlijst");

    [Fact]
    public void Een_toekenning_van_nul_wordt_geweigerd() =>
        Tijdvak_().Given(MetBeslag).When(new ToekenningBoeken(Id, Aanvraag(1), 0m, Op(Dag(10)), Behandelaar)).ThenFout("bedrag-ongeldig");

    [Fact]
    public void Een_toekenning_twee_keer_boeken_verandert_niets() =>
        Tijdvak_().Given(MetBeslag).Given(new ToekenningGeboekt(Id, Aanvraag(1), 600m, 600m, 0m, Op(Dag(10)), Behandelaar))
            .When(new ToekenningBoeken(Id, Aanvraag(1), 600m, Op(Dag(10)), Behandelaar))
            .ThenGeenEvents();

    // ---- beslag vrijgeven ----

    [Fact]
    public void Een_ingetrokken_aanvraag_geeft_haar_beslag_vrij_en_de_eerste_op_de_wachtlijst_krijgt_het() =>
        Tijdvak_().Given(MetBeslag).Given(MetWachtende(Dag(1), 100m, 3, 500m, 1), MetWachtende(Dag(2), 100m, 4, 400m, 2))
            .When(new BeslagVrijgeven(Id, Aanvraag(1), VrijgaveReden.Intrekking, Op(Dag(5)), Behandelaar))
            .Then(
                new BeslagVrijgegeven(Id, Aanvraag(1), 600m, VrijgaveReden.Intrekking, Op(Dag(5)), Behandelaar),
                new WachtlijstOpgeschoven(Id, [new Plaatsing(Aanvraag(3), 500m)], 700m, 200m, 1, Regelgrond.Wachtlijst, Op(Dag(5)), Behandelaar))
            .EnState(s =>
            {
                Assert.Equal([Aanvraag(4)], s.Wachtlijst);
                Assert.Equal(PlaatsStatus.Vrijgegeven, s.Aanvragen[Aanvraag(1)].Status);
                Assert.Equal(800m, s.Beslag);
            });

    [Fact]
    public void Een_aanvraag_die_de_wachtlijst_verlaat_laat_de_volgende_opschuiven() =>
        Tijdvak_().Given(MetBeslag).Given(MetWachtende(Dag(1), 100m, 3, 500m, 1), MetWachtende(Dag(2), 100m, 4, 80m, 2))
            .When(new BeslagVrijgeven(Id, Aanvraag(3), VrijgaveReden.Afwijzing, Op(Dag(5)), Behandelaar))
            .Then(
                new VanWachtlijstGehaald(Id, Aanvraag(3), 500m, 1, VrijgaveReden.Afwijzing, Op(Dag(5)), Behandelaar),
                new WachtlijstOpgeschoven(Id, [new Plaatsing(Aanvraag(4), 80m)], 100m, 20m, 0, Regelgrond.Wachtlijst, Op(Dag(5)), Behandelaar));

    [Fact]
    public void Beslag_vrijgeven_van_een_onbekende_of_al_vrijgegeven_aanvraag_verandert_niets()
    {
        Tijdvak_().Given(MetBeslag).When(new BeslagVrijgeven(Id, Aanvraag(99), VrijgaveReden.Intrekking, Op(Dag(5)), Behandelaar)).ThenGeenEvents();
        Tijdvak_().Given(MetBeslag).Given(new BeslagVrijgegeven(Id, Aanvraag(1), 600m, VrijgaveReden.Intrekking, Op(Dag(5)), Behandelaar))
            .When(new BeslagVrijgeven(Id, Aanvraag(1), VrijgaveReden.Intrekking, Op(Dag(5)), Behandelaar))
            .ThenGeenEvents();
    }

    [Fact]
    public void Beslag_vrijgeven_van_een_toegekende_aanvraag_wordt_geweigerd() =>
        Tijdvak_().Given(MetBeslag).Given(new ToekenningGeboekt(Id, Aanvraag(1), 600m, 600m, 0m, Op(Dag(10)), Behandelaar))
            .When(new BeslagVrijgeven(Id, Aanvraag(1), VrijgaveReden.Intrekking, Op(Dag(11)), Behandelaar))
            .ThenFout("aanvraag-toegekend");

    [Fact]
    public void Na_een_aanvulling_komt_de_aanvraag_opnieuw_in_de_volgorde_met_haar_nieuwe_ontvangst()
    {
        var aanvulling = Ontvangst(1, 600m, Dag(20), 14);
        Tijdvak_().Given(MetBeslag).Given(new BeslagVrijgegeven(Id, Aanvraag(1), 600m, VrijgaveReden.Aanvullingsverzoek, Op(Dag(3)), Behandelaar))
            .When(Afsluiten(Dag(20), 5, aanvulling))
            .Then(AllesGeplaatst(Dag(20), 700m, aanvulling))
            .EnState(s => Assert.Equal(aanvulling.OntvangenOp, s.Aanvragen[Aanvraag(1)].OntvangenOp));
    }

    // ---- toegekend verlagen ----

    private static readonly TijdvakEvent[] MetToekenning =
        [.. MetBeslag, new ToekenningGeboekt(Id, Aanvraag(1), 600m, 600m, 0m, Op(Dag(10)), Behandelaar)];

    [Fact]
    public void Een_lagere_vaststelling_laat_budget_vrijvallen_en_de_wachtlijst_opschuiven() =>
        Tijdvak_().Given(MetToekenning).Given(MetWachtende(Dag(1), 100m, 3, 250m, 1))
            .When(new ToegekendVerlagen(Id, Aanvraag(1), 450m, VerlagingReden.Vaststelling, Op(Dag(200)), Behandelaar))
            .Then(
                new ToekenningVerlaagd(Id, Aanvraag(1), 600m, 450m, 150m, VerlagingReden.Vaststelling, false, Op(Dag(200)), Behandelaar),
                new WachtlijstOpgeschoven(Id, [new Plaatsing(Aanvraag(3), 250m)], 250m, 0m, 0, Regelgrond.Wachtlijst, Op(Dag(200)), Behandelaar))
            .EnState(s =>
            {
                Assert.Equal(450m, s.Toegekend);
                Assert.Equal(150m, s.Vrijgevallen);
            });

    [Fact]
    public void Verlagen_tot_het_huidige_bedrag_verandert_niets_want_het_commando_noemt_het_nieuwe_bedrag() =>
        Tijdvak_().Given(MetToekenning).Given(new ToekenningVerlaagd(Id, Aanvraag(1), 600m, 0m, 600m, VerlagingReden.IntrekkingToekenning, false, Op(Dag(50)), Behandelaar))
            .When(new ToegekendVerlagen(Id, Aanvraag(1), 0m, VerlagingReden.IntrekkingToekenning, Op(Dag(50)), Behandelaar))
            .ThenGeenEvents();

    [Fact]
    public void Een_toekenning_verhogen_via_verlagen_wordt_geweigerd() =>
        Tijdvak_().Given(MetToekenning)
            .When(new ToegekendVerlagen(Id, Aanvraag(1), 700m, VerlagingReden.Bezwaar, Op(Dag(50)), Behandelaar))
            .ThenFout("verhoging-niet-toegestaan");

    [Fact]
    public void Verlagen_zonder_toekenning_wordt_geweigerd() =>
        Tijdvak_().Given(MetBeslag)
            .When(new ToegekendVerlagen(Id, Aanvraag(1), 100m, VerlagingReden.Vaststelling, Op(Dag(50)), Behandelaar))
            .ThenFout("niet-toegekend");

    // ---- budgetplafond wijzigen ----

    [Fact]
    public void Verlagen_van_het_plafond_onder_beslag_plus_toegekend_wordt_geweigerd() =>
        Tijdvak_().Given(MetToekenning)
            .When(new BudgetplafondWijzigen(Id, 899.99m, "Bezuiniging", Op(Dag(30)), Beheerder))
            .ThenFout("plafond-onder-beslag");

    [Fact]
    public void Verlagen_van_het_plafond_tot_precies_beslag_plus_toegekend_mag() =>
        Tijdvak_().Given(MetToekenning)
            .When(new BudgetplafondWijzigen(Id, 900m, "Restant elders ingezet", Op(Dag(30)), Beheerder))
            .Then(new BudgetplafondGewijzigd(Id, 1_000m, 900m, 900m, "Restant elders ingezet", Op(Dag(30)), Beheerder))
            .EnState(s => Assert.Equal(0m, s.Beschikbaar));

    [Fact]
    public void Een_plafondwijziging_zonder_reden_wordt_geweigerd() =>
        Tijdvak_().Given(MetBeslag).When(new BudgetplafondWijzigen(Id, 2_000m, " ", Op(Dag(30)), Beheerder)).ThenFout("reden-leeg");

    [Fact]
    public void Hetzelfde_plafond_opnieuw_instellen_verandert_niets() =>
        Tijdvak_().Given(MetBeslag).When(new BudgetplafondWijzigen(Id, 1_000m, "Nogmaals", Op(Dag(30)), Beheerder)).ThenGeenEvents();

    // ---- sluiten ----

    [Fact]
    public void Bij_sluiting_wordt_elke_nog_niet_afgesloten_dag_eerst_verdeeld()
    {
        var laatsteDag = Ontvangst(5, 100m, Sluit, 23, 50);
        var nu = Amsterdam.EindeVan(Sluit);
        Tijdvak_().Given(MetBeslag)
            .When(new TijdvakSluiten(Id, [new DagOntvangsten(Sluit, [laatsteDag], 11), new DagOntvangsten(Dag(0), [], 12)], nu, Systeem))
            .Then(
                new DagAfgesloten(Id, Sluit, [laatsteDag], null, [new Plaatsing(laatsteDag.AanvraagId, 100m)], [], 100m, 0m,
                    Regelgrond.VolgordeVanOntvangst, nu, Systeem),
                new TijdvakGesloten(Id, Sluit, [Dag(0), Sluit], nu, Systeem))
            .EnState(s => Assert.Equal(TijdvakStatus.Gesloten, s.Status));
    }

    [Fact]
    public void Sluiten_voor_het_einde_van_de_sluitingsdag_in_Amsterdam_wordt_geweigerd() =>
        Tijdvak_().Given(OpenMetDuizend)
            .When(new TijdvakSluiten(Id, [], Amsterdam.EindeVan(Sluit).AddTicks(-1), Systeem))
            .ThenFout("sluitingsdatum-niet-bereikt");

    [Fact]
    public void Een_gepland_tijdvak_kan_niet_sluiten() =>
        Tijdvak_().Given(Gepland()).When(new TijdvakSluiten(Id, [], NaAfloop(Sluit), Systeem)).ThenFout("tijdvak-niet-open");

    [Fact]
    public void Na_sluiting_krijgt_een_aanvraag_die_door_een_aanvulling_volledig_werd_nog_een_plaats()
    {
        var aanvulling = Ontvangst(1, 600m, Sluit.AddDays(10), 11);
        Tijdvak_().Given(MetBeslag)
            .Given(new BeslagVrijgegeven(Id, Aanvraag(1), 600m, VrijgaveReden.Aanvullingsverzoek, Op(Dag(3)), Behandelaar),
                new TijdvakGesloten(Id, Sluit, [Dag(0)], NaAfloop(Sluit), Systeem))
            .When(Afsluiten(Sluit.AddDays(10), 8, aanvulling))
            .Then(AllesGeplaatst(Sluit.AddDays(10), 700m, aanvulling))
            .EnState(s => Assert.Equal(TijdvakStatus.Gesloten, s.Status));
    }

    [Fact]
    public void Bij_vervroegd_sluiten_worden_ook_de_aanvragen_van_de_lopende_dag_verdeeld()
    {
        var nu = Op(Dag(5), 15);
        var vanochtend = Ontvangst(5, 100m, Dag(5), 9);
        Tijdvak_().Given(MetBeslag)
            .When(new TijdvakSluiten(Id, [new DagOntvangsten(Dag(5), [vanochtend], 3)], nu, Beheerder, Vervroegd: true))
            .Then(
                new DagAfgesloten(Id, Dag(5), [vanochtend], null, [new Plaatsing(vanochtend.AanvraagId, 100m)], [], 100m, 0m,
                    Regelgrond.VolgordeVanOntvangst, nu, Beheerder),
                new TijdvakGesloten(Id, Sluit, [Dag(0), Dag(5)], nu, Beheerder, Vervroegd: true));
    }

    [Fact]
    public void Een_ontvangst_na_het_moment_van_afsluiten_wordt_geweigerd() =>
        Tijdvak_().Given(MetBeslag)
            .When(new TijdvakSluiten(Id, [new DagOntvangsten(Dag(5), [Ontvangst(5, 100m, Dag(5), 16)], 3)], Op(Dag(5), 15), Beheerder, Vervroegd: true))
            .ThenFout("ontvangst-in-de-toekomst");

    [Fact]
    public void Sluiten_is_idempotent() =>
        Tijdvak_().Given(OpenMetDuizend).Given(new TijdvakGesloten(Id, Sluit, [], NaAfloop(Sluit), Systeem))
            .When(new TijdvakSluiten(Id, [], NaAfloop(Sluit), Systeem))
            .ThenGeenEvents();

    [Fact]
    public void Een_tender_sluit_zonder_dagverdeling() =>
        Tijdvak_().Given(Gepland(verdeelmethode: Verdeelmethode.Rangschikking), Geopend())
            .When(new TijdvakSluiten(Id, [new DagOntvangsten(Dag(0), [], 1)], NaAfloop(Sluit), Systeem))
            .ThenFout("verdeelmethode-rangschikking");

    // ---- definitief ----

    private static readonly TijdvakEvent[] GeslotenMetWachtlijst =
    [
        .. MetToekenning,
        MetWachtende(Dag(1), 100m, 3, 250m, 1),
        MetWachtende(Dag(2), 100m, 4, 120m, 2),
        new ToekenningGeboekt(Id, Aanvraag(2), 300m, 300m, 0m, Op(Dag(11)), Behandelaar),
        new TijdvakGesloten(Id, Sluit, [Dag(0), Dag(1), Dag(2)], NaAfloop(Sluit), Systeem),
    ];

    [Fact]
    public void Als_alles_beslist_is_wordt_de_rest_van_de_wachtlijst_afgewezen_omdat_het_plafond_bereikt_is() =>
        Tijdvak_().Given(GeslotenMetWachtlijst)
            .When(new DefinitiefVerklaren(Id, NaAfloop(Sluit.AddDays(90)), Systeem))
            .Then(new TijdvakDefinitiefVerklaard(Id, [new PlafondAfwijzing(Aanvraag(3), 250m, 1), new PlafondAfwijzing(Aanvraag(4), 120m, 2)],
                1_000m, 900m, 100m, "plafond-bereikt", Regelgrond.PlafondBereikt, NaAfloop(Sluit.AddDays(90)), Systeem))
            .EnState(s =>
            {
                Assert.Equal(TijdvakStatus.Definitief, s.Status);
                Assert.Empty(s.Wachtlijst);
                Assert.Equal(PlaatsStatus.AfgewezenWegensPlafond, s.Aanvragen[Aanvraag(4)].Status);
            });

    [Fact]
    public void Definitief_verklaren_met_onbesliste_aanvragen_wordt_geweigerd() =>
        Tijdvak_().Given(MetToekenning).Given(new TijdvakGesloten(Id, Sluit, [Dag(0)], NaAfloop(Sluit), Systeem))
            .When(new DefinitiefVerklaren(Id, NaAfloop(Sluit), Systeem))
            .ThenFout("niet-alles-beslist");

    [Fact]
    public void Een_open_tijdvak_kan_niet_definitief_worden() =>
        Tijdvak_().Given(OpenMetDuizend).When(new DefinitiefVerklaren(Id, NaAfloop(Sluit), Systeem)).ThenFout("tijdvak-niet-gesloten");

    [Fact]
    public void Na_definitief_verdeelt_het_tijdvak_geen_dagen_meer_en_vrijval_blijft_onbesteed()
    {
        var definitief = Tijdvak_().Given(GeslotenMetWachtlijst).When(new DefinitiefVerklaren(Id, NaAfloop(Sluit), Systeem)).Then(_ => { });
        definitief.When(Afsluiten(Sluit.AddDays(1), 1, Ontvangst(8, 1m, Sluit.AddDays(1)))).ThenFout("tijdvak-definitief");
        definitief.When(new DefinitiefVerklaren(Id, NaAfloop(Sluit), Systeem)).ThenGeenEvents();
        definitief.When(new ToegekendVerlagen(Id, Aanvraag(1), 500m, VerlagingReden.Vaststelling, NaAfloop(Sluit.AddDays(300)), Behandelaar))
            .Then(new ToekenningVerlaagd(Id, Aanvraag(1), 600m, 500m, 100m, VerlagingReden.Vaststelling, true, NaAfloop(Sluit.AddDays(300)), Behandelaar))
            .EnState(s => Assert.Equal(200m, s.Beschikbaar));
    }

    // ---- herverdeling ----

    [Fact]
    public void Onbesteed_budget_gaat_het_tijdvak_uit_en_verhoogt_het_volgende()
    {
        var volgende = Guid.Parse("00000000-0000-0000-0000-00000000a002");
        var herverdeling = Guid.Parse("00000000-0000-0000-0000-0000000000e1");
        var nu = NaAfloop(Sluit.AddDays(100));
        var definitief = Tijdvak_().Given(GeslotenMetWachtlijst).When(new DefinitiefVerklaren(Id, NaAfloop(Sluit), Systeem)).Then(_ => { });

        definitief.When(new BudgetOverboeken(Id, herverdeling, new Budgetrekening.AnderTijdvak(volgende), 100m, nu, Systeem))
            .Then(new BudgetOvergeboekt(Id, herverdeling, new Budgetrekening.AnderTijdvak(volgende), 100m, 1_000m, 900m, 100m, nu, Systeem))
            .EnState(s =>
            {
                Assert.Equal(900m, s.Plafond);
                Assert.Equal(0m, s.Beschikbaar);
            })
            .When(new BudgetOverboeken(Id, herverdeling, new Budgetrekening.AnderTijdvak(volgende), 100m, nu, Systeem))
            .ThenGeenEvents();

        Spec.Voor(Tijdvak.Decider).Given(Gepland(1_000m, id: volgende))
            .When(new BudgetInboeken(volgende, herverdeling, new Budgetrekening.AnderTijdvak(Id), 100m, nu, Systeem))
            .Then(new BudgetOntvangen(volgende, herverdeling, new Budgetrekening.AnderTijdvak(Id), 100m, 1_000m, 1_100m, nu, Systeem))
            .EnState(s => Assert.Equal(100m, s.Ontvangen))
            .When(new BudgetInboeken(volgende, herverdeling, new Budgetrekening.AnderTijdvak(Id), 100m, nu, Systeem))
            .ThenGeenEvents();
    }

    [Fact]
    public void Meer_overboeken_dan_onbesteed_is_wordt_geweigerd() =>
        Tijdvak_().Given(MetToekenning)
            .When(new BudgetOverboeken(Id, Guid.NewGuid(), new Budgetrekening.Programmareserve(), 100.01m, Op(Dag(40)), Systeem))
            .ThenFout("onvoldoende-onbesteed-budget");

    [Fact]
    public void Budget_waar_de_wachtlijst_op_wacht_gaat_het_tijdvak_niet_uit() =>
        Tijdvak_().Given(MetBeslag).Given(MetWachtende(Dag(1), 100m, 3, 250m, 1))
            .When(new BudgetOverboeken(Id, Guid.NewGuid(), new Budgetrekening.Elders("Programma Wonen en Zorg"), 50m, Op(Dag(40)), Systeem))
            .ThenFout("wachtlijst-niet-leeg");

    [Fact]
    public void Herverdelen_naar_het_eigen_tijdvak_wordt_geweigerd() =>
        Tijdvak_().Given(MetBeslag)
            .When(new BudgetInboeken(Id, Guid.NewGuid(), new Budgetrekening.AnderTijdvak(Id), 50m, Op(Dag(40)), Systeem))
            .ThenFout("herverdeling-naar-zelf");

    [Fact]
    public void Ontvangen_budget_laat_de_wachtlijst_direct_opschuiven()
    {
        var h = Guid.Parse("00000000-0000-0000-0000-0000000000e2");
        Tijdvak_().Given(MetBeslag).Given(MetWachtende(Dag(1), 100m, 3, 250m, 1))
            .When(new BudgetInboeken(Id, h, new Budgetrekening.Programmareserve(), 150m, Op(Dag(40)), Systeem))
            .Then(
                new BudgetOntvangen(Id, h, new Budgetrekening.Programmareserve(), 150m, 1_000m, 1_150m, Op(Dag(40)), Systeem),
                new WachtlijstOpgeschoven(Id, [new Plaatsing(Aanvraag(3), 250m)], 250m, 0m, 0, Regelgrond.Wachtlijst, Op(Dag(40)), Systeem));
    }

    // ---- rangschikking (tender) ----

    private static readonly TijdvakEvent[] GeslotenTender =
    [
        Gepland(1_000m, Verdeelmethode.Rangschikking),
        Geopend(),
        new TijdvakGesloten(Id, Sluit, [], NaAfloop(Sluit), Systeem),
    ];

    [Fact]
    public void Een_tender_kent_toe_in_volgorde_van_score_tot_het_plafond_en_bij_gelijke_score_gaat_de_eerdere_ontvangst_voor()
    {
        var nu = NaAfloop(Sluit.AddDays(30));
        var a = new Beoordeelde(Aanvraag(1), 400m, 7.5m, Op(Dag(3)));
        var b = new Beoordeelde(Aanvraag(2), 500m, 9m, Op(Dag(5)));
        var c = new Beoordeelde(Aanvraag(3), 300m, 7.5m, Op(Dag(1)));
        var d = new Beoordeelde(Aanvraag(4), 100m, 6m, Op(Dag(0)));
        Tijdvak_().Given(GeslotenTender)
            .When(new Rangschikken(Id, [a, b, c, d], nu, Systeem))
            .Then(new Gerangschikt(Id,
                [
                    new Rangplaats(1, b.AanvraagId, 500m, 9m, b.OntvangenOp),
                    new Rangplaats(2, c.AanvraagId, 300m, 7.5m, c.OntvangenOp),
                    new Rangplaats(3, a.AanvraagId, 400m, 7.5m, a.OntvangenOp),
                    new Rangplaats(4, d.AanvraagId, 100m, 6m, d.OntvangenOp),
                ],
                [new Plaatsing(b.AanvraagId, 500m), new Plaatsing(c.AanvraagId, 300m)],
                [new PlafondAfwijzing(a.AanvraagId, 400m, 3), new PlafondAfwijzing(d.AanvraagId, 100m, 4)],
                1_000m, 200m, Regelgrond.Rangschikking, nu, Systeem))
            .EnState(s =>
            {
                Assert.Equal(800m, s.Beslag);
                Assert.Equal(PlaatsStatus.AfgewezenWegensPlafond, s.Aanvragen[d.AanvraagId].Status);
            })
            .When(new Rangschikken(Id, [a, b, c, d], nu, Systeem))
            .ThenGeenEvents();
    }

    [Fact]
    public void Rangschikken_voor_sluiting_wordt_geweigerd() =>
        Tijdvak_().Given(Gepland(1_000m, Verdeelmethode.Rangschikking), Geopend())
            .When(new Rangschikken(Id, [], Op(Dag(3)), Systeem))
            .ThenFout("tijdvak-niet-gesloten");

    [Fact]
    public void Een_tijdvak_op_volgorde_van_binnenkomst_wordt_niet_gerangschikt() =>
        Tijdvak_().Given(OpenMetDuizend).When(new Rangschikken(Id, [], Op(Dag(3)), Systeem)).ThenFout("verdeelmethode-volgorde");

    [Fact]
    public void Een_aanvraag_twee_keer_in_de_rangschikking_wordt_geweigerd()
    {
        var a = new Beoordeelde(Aanvraag(1), 400m, 7.5m, Op(Dag(3)));
        Tijdvak_().Given(GeslotenTender).When(new Rangschikken(Id, [a, a], NaAfloop(Sluit), Systeem)).ThenFout("beoordeelde-dubbel");
    }

    [Fact]
    public void Een_tender_wordt_pas_definitief_na_rangschikking() =>
        Tijdvak_().Given(GeslotenTender).When(new DefinitiefVerklaren(Id, NaAfloop(Sluit), Systeem)).ThenFout("nog-niet-gerangschikt");

    // ---- bewaking in Evolve ----

    [Fact]
    public void Een_event_dat_het_plafond_zou_overschrijden_is_een_fout_in_de_code_en_wordt_niet_toegepast()
    {
        var state = Tijdvak.Decider.Vouw(OpenMetDuizend);
        var teVeel = AllesGeplaatst(Dag(0), 1_000m, Ontvangst(1, 1_000.01m, Dag(0)));
        Assert.Throws<InvalidOperationException>(() => Tijdvak.Evolve(state, teVeel));
    }

    [Fact]
    public void Een_wachtlijst_die_buiten_de_volgorde_opschuift_is_een_fout_in_de_code()
    {
        var state = Tijdvak.Decider.Vouw([.. MetBeslag, MetWachtende(Dag(1), 100m, 3, 50m, 1), MetWachtende(Dag(2), 100m, 4, 50m, 2)]);
        var buitenVolgorde = new WachtlijstOpgeschoven(Id, [new Plaatsing(Aanvraag(4), 50m)], 100m, 50m, 1, Regelgrond.Wachtlijst, Op(Dag(3)), Systeem);
        Assert.Throws<InvalidOperationException>(() => Tijdvak.Evolve(state, buitenVolgorde));
    }
}
