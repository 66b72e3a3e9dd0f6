using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Tests.Specificatie;
using WozoSubsidies.Domain.Tijdvakken;
using static WozoSubsidies.Domain.Tests.Tijdvakken.TijdvakVoorbeeld;

namespace WozoSubsidies.Domain.Tests.Tijdvakken;

/// <summary>
/// The SZGW tranche 1 facts (REGELINGEN.md "Budget facts to reproduce"; 000:630, 001:1874–1878): plafond €75m, €96.7m requested,
/// the plafond raised to €90m so that aanvragen above the old plafond could still be granted, in order. Aanvragen here are
/// €15,000 per dwelling (the catalogue assumption) for 6,446 dwellings = €96,690,000, spread over the first 30 days.
/// </summary>
public sealed class SzgwTranche1Specificaties
{
    private const decimal PerWoning = 15_000m;
    private const long EersteSeed = 20230915;

    /// <summary>About 200 aanvragen of 5–60 dwellings each, on random days and times (fixed seed: the same every run).</summary>
    private static readonly IReadOnlyList<Ontvangst> Aanvragen = Genereer();

    private static List<Ontvangst> Genereer()
    {
        var rnd = new Random(1878);
        var lijst = new List<Ontvangst>();
        var over = 6_446;
        while (over > 0)
        {
            var woningen = Math.Min(over, rnd.Next(5, 61));
            over -= woningen;
            lijst.Add(Ontvangst(lijst.Count + 1, woningen * PerWoning, Dag(rnd.Next(0, 30)), rnd.Next(8, 20), rnd.Next(0, 60)));
        }

        return lijst;
    }

    private sealed record Verloop(TijdvakState State, IReadOnlyList<DagAfgesloten> Dagen, IReadOnlyList<TijdvakEvent> Geschiedenis);

    /// <summary>Settles the 30 days one by one through the decider, as the nightly job would.</summary>
    private static Verloop DertigDagen()
    {
        var geschiedenis = new List<TijdvakEvent> { Gepland(75_000_000m), Geopend(75_000_000m) };
        var state = Tijdvak.Decider.Vouw(geschiedenis);
        var dagen = new List<DagAfgesloten>();
        for (var i = 0; i < 30; i++)
        {
            var dag = Dag(i);
            var events = Tijdvak.Decide(Afsluiten(dag, EersteSeed + i, [.. Aanvragen.Where(a => Amsterdam.Dag(a.OntvangenOp) == dag)]), state);
            state = events.Aggregate(state, Tijdvak.Evolve);
            geschiedenis.AddRange(events);
            dagen.AddRange(events.OfType<DagAfgesloten>());
        }

        return new Verloop(state, dagen, geschiedenis);
    }

    [Fact]
    public void Met_96_7_miljoen_aangevraagd_op_een_plafond_van_75_miljoen_komt_de_overloop_op_de_wachtlijst()
    {
        Assert.Equal(96_690_000m, Aanvragen.Sum(a => a.Bedrag));
        var (state, dagen, _) = DertigDagen();

        Assert.True(state.Beslag <= 75_000_000m);
        Assert.Equal(96_690_000m, state.Beslag + state.Wachtlijst.Sum(id => state.Aanvragen[id].Bedrag));
        Assert.NotEmpty(state.Wachtlijst);
        // The head of the wachtlijst does not fit in what is left (otherwise it would have been placed).
        Assert.True(state.Aanvragen[state.Wachtlijst[0]].Bedrag > state.Beschikbaar);

        // Before the crossing day everybody fitted: no lottery. The crossing day was drawn by lottery. After it, nobody got a place.
        var kruising = dagen.ToList().FindIndex(d => d.OpWachtlijst.Count > 0);
        Assert.All(dagen.Take(kruising), d => Assert.Null(d.Loting));
        Assert.NotNull(dagen[kruising].Loting);
        Assert.All(dagen.Skip(kruising + 1), d => Assert.Empty(d.Plaatsingen));
        // The wachtlijst is the days' overflow, day after day, each in its recorded order.
        Assert.Equal(dagen.SelectMany(d => d.OpWachtlijst.Select(w => w.AanvraagId)), state.Wachtlijst);
    }

    [Fact]
    public void De_loting_van_de_kruisingsdag_is_na_te_spelen_uit_de_vastgelegde_seed_en_een_andere_seed_geeft_een_andere_volgorde()
    {
        var (_, dagen, _) = DertigDagen();
        var kruising = dagen.First(d => d.Loting is not null);
        var loting = kruising.Loting!;

        // Replay from the event alone: the candidates in (OntvangenOp, AanvraagId) order, shuffled with the recorded seed.
        Assert.Equal(Tijdvak.InOntvangstvolgorde(kruising.Ontvangsten).Select(o => o.AanvraagId), loting.Kandidaten);
        Assert.Equal(loting.Volgorde, Loting.Schud(loting.Kandidaten, loting.Seed));
        Assert.NotEqual(loting.Volgorde, Loting.Schud(loting.Kandidaten, loting.Seed + 1));
        // The placements are the start of the drawn order, the wachtlijst the rest.
        Assert.Equal(loting.Volgorde, kruising.Plaatsingen.Select(p => p.AanvraagId).Concat(kruising.OpWachtlijst.Select(w => w.AanvraagId)));
    }

    [Fact]
    public void Verhoging_van_het_plafond_naar_90_miljoen_laat_de_wachtlijst_op_volgorde_opschuiven()
    {
        var (voor, _, geschiedenis) = DertigDagen();
        var nu = Op(new DateOnly(2024, 2, 1));

        var dan = Spec.Voor(Tijdvak.Decider).Given([.. geschiedenis])
            .When(new BudgetplafondWijzigen(Id, 90_000_000m, "Verhoging tranche 1 (001:1878)", nu, Beheerder))
            .Then(events =>
            {
                Assert.Equal(new BudgetplafondGewijzigd(Id, 75_000_000m, 90_000_000m, voor.Beslag, "Verhoging tranche 1 (001:1878)", nu, Beheerder), events[0]);
                var opgeschoven = Assert.IsType<WachtlijstOpgeschoven>(Assert.Single(events.Skip(1)));
                // Met terugwerkende kracht, in order: exactly the head of the wachtlijst, nobody skipped.
                Assert.Equal(voor.Wachtlijst.Take(opgeschoven.Plaatsingen.Count), opgeschoven.Plaatsingen.Select(p => p.AanvraagId));
                Assert.NotEmpty(opgeschoven.Plaatsingen);
            });

        var na = dan.State;
        Assert.True(na.Beslag <= 90_000_000m);
        Assert.True(na.Beslag > 75_000_000m);
        Assert.Equal(voor.Wachtlijst.Skip(voor.Wachtlijst.Count - na.Wachtlijst.Count), na.Wachtlijst);
        Assert.True(na.Wachtlijst.IsEmpty || na.Aanvragen[na.Wachtlijst[0]].Bedrag > na.Beschikbaar);
    }

    [Fact]
    public void Een_ingetrokken_aanvraag_geeft_haar_beslag_aan_de_eerste_op_de_wachtlijst()
    {
        var (voor, _, geschiedenis) = DertigDagen();
        var eerste = voor.Wachtlijst[0];
        var grootste = voor.Aanvragen.Values.Where(a => a.Status == PlaatsStatus.Beslag).MaxBy(a => a.Beslag)!;
        Assert.True(grootste.Beslag + voor.Beschikbaar >= voor.Aanvragen[eerste].Bedrag);

        Spec.Voor(Tijdvak.Decider).Given([.. geschiedenis])
            .When(new BeslagVrijgeven(Id, grootste.AanvraagId, VrijgaveReden.Intrekking, Op(Dag(40)), Behandelaar))
            .Then(events =>
            {
                Assert.Equal(new BeslagVrijgegeven(Id, grootste.AanvraagId, grootste.Beslag, VrijgaveReden.Intrekking, Op(Dag(40)), Behandelaar), events[0]);
                Assert.Equal(eerste, Assert.IsType<WachtlijstOpgeschoven>(events[1]).Plaatsingen[0].AanvraagId);
            })
            .EnState(s => Assert.Equal(PlaatsStatus.Beslag, s.Aanvragen[eerste].Status));
    }

    [Fact]
    public void Als_tranche_1_definitief_is_wordt_de_rest_van_de_wachtlijst_afgewezen_en_klopt_aangevraagd_met_toegekend_plus_afgewezen()
    {
        var (_, _, geschiedenis) = DertigDagen();
        var state = Tijdvak.Decider.Vouw(geschiedenis);
        IReadOnlyList<TijdvakEvent> Doe(TijdvakCommand c)
        {
            var events = Tijdvak.Decide(c, state);
            state = events.Aggregate(state, Tijdvak.Evolve);
            return events;
        }

        Doe(new BudgetplafondWijzigen(Id, 90_000_000m, "Verhoging tranche 1 (001:1878)", Op(new DateOnly(2024, 2, 1)), Beheerder));
        Doe(new TijdvakSluiten(Id, [], NaAfloop(Sluit), Systeem));
        foreach (var a in state.Aanvragen.Values.Where(a => a.Status == PlaatsStatus.Beslag).ToList())
        {
            Doe(new ToekenningBoeken(Id, a.AanvraagId, a.Beslag, NaAfloop(Sluit.AddDays(30)), Behandelaar));
        }

        var definitief = Assert.IsType<TijdvakDefinitiefVerklaard>(Assert.Single(Doe(new DefinitiefVerklaren(Id, NaAfloop(Sluit.AddDays(60)), Systeem))));

        Assert.Equal(Tijdvak.PlafondBereiktCode, definitief.Code);
        Assert.NotEmpty(definitief.Afwijzingen);
        Assert.True(state.Toegekend <= 90_000_000m);
        Assert.Equal(96_690_000m, state.Toegekend + definitief.Afwijzingen.Sum(a => a.Bedrag));
        Assert.Equal(definitief.Onbesteed, 90_000_000m - state.Toegekend);
    }

    [Fact]
    public void Het_totaal_van_312_miljoen_laat_tranche_1_naar_90_miljoen_gaan_maar_weigert_een_tranche_2_die_erboven_komt()
    {
        var beheerder = Beheerder;
        var nu = Op(new DateOnly(2023, 9, 1));
        var tranche2 = Guid.Parse("00000000-0000-0000-0000-00000000a002");
        var regeling = Spec.Voor(Regeling.Decider)
            .Given(new RegelingIngesteld("SZGW", "Stimuleringsregeling zorggeschikte woningen", Uitvoerder.Rvo, Verdeelmethode.VolgordeVanBinnenkomst,
                ["woningcorporatie", "marktpartij"], 13, 1_000_000m, new Herverdelingsbeleid.ProgrammaReserve(), 312_000_000m, nu, beheerder))
            .When(new TijdvakAanmelden("SZGW", Id, "Tranche 1", Opent, Sluit, 75_000_000m, nu, beheerder)).Then(_ => { })
            .When(new TijdvakPlafondRegistreren("SZGW", Id, 90_000_000m, nu, beheerder)).Then(_ => { })
            // Tranche 2: "not stated" at planning (001:1886), to be set before it opens.
            .When(new TijdvakAanmelden("SZGW", tranche2, "Tranche 2", new(2025, 5, 15), new(2025, 11, 28), null, nu, beheerder)).Then(_ => { });

        regeling.When(new TijdvakPlafondRegistreren("SZGW", tranche2, 222_000_000.01m, nu, beheerder)).ThenFout("totaalbudget-overschreden");
        regeling.When(new TijdvakPlafondRegistreren("SZGW", tranche2, 222_000_000m, nu, beheerder))
            .Then(new TijdvakPlafondGeregistreerd("SZGW", tranche2, null, 222_000_000m, 90_000_000m, 312_000_000m, 312_000_000m, nu, beheerder));
    }
}
