using System.Text.Json;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Tests.Specificatie;
using WozoSubsidies.Domain.Tijdvakken;
using static WozoSubsidies.Domain.Tests.Tijdvakken.TijdvakVoorbeeld;

namespace WozoSubsidies.Domain.Tests.Tijdvakken;

/// <summary>
/// Randomized: thousands of reproducible command sequences against one tijdvak (fixed seeds; a failure names its seed and
/// step, and <see cref="Een_reeks_kan_los_worden_nagespeeld"/> replays one seed). After EVERY step the ledger is checked:
/// beslag + toegekend ≤ plafond, beschikbaar ≥ 0, totals equal the sums over the aanvragen, nobody both placed and waiting,
/// the wachtlijst in order of receipt / lottery, and a wachtlijst that could move up has moved up; Evolve itself refuses
/// any single event that would break the invariant. A command accepted once
/// must be a no-op when sent again (jobs and retries run twice).
/// </summary>
public sealed class TijdvakEigenschappen
{
    private const int Reeksen = 2_000;
    private const int Stappen = 40;

    [Fact]
    public void Bij_duizenden_willekeurige_reeksen_blijft_het_grootboek_binnen_het_plafond_en_de_wachtlijst_op_volgorde()
    {
        // Independent sequences, so they may run side by side; each failure still names its own seed.
        Parallel.For(1, Reeksen + 1, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            seed => Reeks(seed, metJson: seed <= 20));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1878)]
    public void Een_reeks_kan_los_worden_nagespeeld(int seed) => Reeks(seed, metJson: true);

    private static readonly DateOnly KorteSluit = Opent.AddDays(20);

    private static void Reeks(int seed, bool metJson)
    {
        var model = new Model(seed);
        var stap = 0;
        TijdvakCommand? command = null;
        try
        {
            for (; stap < Stappen; stap++)
            {
                command = model.Kies();
                model.Voer(command, metJson);
            }
        }
        catch (Exception fout) when (fout is not RegelSchending)
        {
            throw new InvalidOperationException(
                $"Eigenschap geschonden bij seed {seed}, stap {stap} (naspelen: Een_reeks_kan_los_worden_nagespeeld({seed})).\n" +
                $"Commando: {Structuur.Toon(command)}\n{fout.Message}", fout);
        }
    }

    /// <summary>The tijdvak under test, the generator, and what the test itself remembers to check order independently.</summary>
    private sealed class Model
    {
        private readonly Random _rnd;
        private readonly List<TijdvakEvent> _geschiedenis = [];
        private readonly List<TijdvakCommand> _geaccepteerd = [];

        /// <summary>The rank of each aanvraag put on the wachtlijst: (day settled, index in that day's drawn order). The
        /// wachtlijst must always be sorted by it: no aanvraag ever passes one that came, or was drawn, before it.</summary>
        private readonly Dictionary<Guid, (int Volgnummer, int Index)> _rang = [];

        private int _volgnummer;
        private int _volgendeAanvraag = 1;
        private DateOnly _laatsteDag;
        private DateTimeOffset _klok;

        public Model(int seed)
        {
            _rnd = new Random(seed);
            var plafond = _rnd.Next(0, 40) * 100m;
            _laatsteDag = Opent.AddDays(-1);
            _klok = Op(Opent, 0, 1);
            var gepland = new TijdvakGepland(Id, "IOC", "Ronde", Opent, KorteSluit, plafond, Verdeelmethode.VolgordeVanBinnenkomst,
                Domain.Regels.TijdvakRegels.Geen, [], Op(Opent.AddDays(-10)), Beheerder);
            _geschiedenis.Add(gepland);
            _geschiedenis.Add(new TijdvakGeopend(Id, plafond, _klok, Systeem));
            State = Tijdvak.Decider.Vouw(_geschiedenis);
        }

        public TijdvakState State { get; private set; }

        public TijdvakCommand Kies()
        {
            var keuze = _rnd.Next(100);
            return keuze switch
            {
                < 30 => NieuweDag(),
                < 45 => Toekennen(),
                < 57 => Vrijgeven(),
                < 65 => Verlagen(),
                < 75 => Plafond(),
                < 78 => Sluiten(),
                < 80 => new DefinitiefVerklaren(Id, VolgendMoment(), Systeem),
                < 86 => Overboeken(),
                < 92 => new BudgetInboeken(Id, Guid.NewGuid(), new Budgetrekening.Programmareserve(), Bedrag(1, 20) * 50m, VolgendMoment(), Systeem),
                _ when _geaccepteerd.Count > 0 => _geaccepteerd[_rnd.Next(_geaccepteerd.Count)], // an old command again, much later
                _ => NieuweDag(),
            };
        }

        public void Voer(TijdvakCommand command, bool metJson)
        {
            IReadOnlyList<TijdvakEvent> events;
            try
            {
                events = Tijdvak.Decide(command, State);
            }
            catch (RegelSchending)
            {
                return; // refused: the state must be unchanged, which it is (immutable)
            }

            // Evolve itself refuses any event that breaks beslag + toegekend ≤ plafond; the full ledger is checked after the step.
            var voor = State;
            foreach (var e in events)
            {
                ControleerEvent(voor, e);
                if (metJson)
                {
                    ControleerJson(e);
                }

                voor = Tijdvak.Evolve(voor, e);
            }

            State = voor;
            ControleerGrootboek(State);
            ControleerOpgeschoven(State);
            _geschiedenis.AddRange(events);
            if (events.Count > 0)
            {
                _geaccepteerd.Add(command);
                // Sent again at once (a retry, or the job running twice): nothing more happens.
                var opnieuw = Tijdvak.Decide(command, State);
                if (opnieuw.Count != 0)
                {
                    throw new InvalidOperationException($"Het commando opnieuw gaf {opnieuw.Count} events: {Structuur.Toon(opnieuw)}");
                }
            }
        }

        private TijdvakCommand NieuweDag()
        {
            // Days are settled in order; after sluiting, only aanvullingen complete aanvragen (re-entries) on later days.
            var dag = _laatsteDag.AddDays(_rnd.Next(1, 3));
            var ontvangsten = new List<Ontvangst>();
            var aantal = _rnd.Next(0, 6);
            for (var i = 0; i < aantal; i++)
            {
                ontvangsten.Add(new Ontvangst(Domain.Tests.Tijdvakken.TijdvakVoorbeeld.Aanvraag(_volgendeAanvraag++), Bedrag(1, 20) * 50m + Bedrag(0, 3) * 0.01m,
                    Op(dag, _rnd.Next(0, 24), _rnd.Next(0, 60))));
            }

            // An aanvraag that gave up its place for an aanvulling comes back with a new receipt.
            var terug = State.Aanvragen.Values.Where(a => a.Status == PlaatsStatus.Vrijgegeven).ToList();
            if (terug.Count > 0 && _rnd.Next(3) == 0)
            {
                var a = terug[_rnd.Next(terug.Count)];
                ontvangsten.Add(new Ontvangst(a.AanvraagId, a.Bedrag, Op(dag, _rnd.Next(0, 24), _rnd.Next(0, 60))));
            }

            _laatsteDag = dag;
            var nu = Later(Amsterdam.EindeVan(dag));
            if (State.Status == TijdvakStatus.Open && dag > KorteSluit && _rnd.Next(2) == 0)
            {
                // The closing job settles the days not yet settled itself.
                return new TijdvakSluiten(Id, [new DagOntvangsten(dag, Schudden(ontvangsten), _rnd.NextInt64())], nu, Systeem);
            }

            return new DagAfsluiten(Id, dag, Schudden(ontvangsten), _rnd.NextInt64(), nu, Systeem);
        }

        private BudgetOverboeken Overboeken()
        {
            // Mostly within what is unspent, sometimes more (refused).
            var bedrag = _rnd.Next(4) == 0 || State.Beschikbaar < 0.01m
                ? State.Beschikbaar + (Bedrag(1, 20) * 50m)
                : Math.Max(0.01m, decimal.Round(State.Beschikbaar * (decimal)_rnd.NextDouble(), 2));
            return new BudgetOverboeken(Id, Guid.NewGuid(), new Budgetrekening.Programmareserve(), bedrag, VolgendMoment(), Systeem);
        }

        private TijdvakCommand Toekennen()
        {
            var kandidaten = State.Aanvragen.Values.Where(a => a.Status is PlaatsStatus.Beslag || (a.Status is PlaatsStatus.OpWachtlijst && _rnd.Next(8) == 0)).ToList();
            if (kandidaten.Count == 0)
            {
                return NieuweDag();
            }

            var a = kandidaten[_rnd.Next(kandidaten.Count)];
            var bedrag = _rnd.Next(8) switch
            {
                0 => a.Bedrag + 0.01m, // above the beslag: refused
                1 => a.Bedrag,
                _ => Math.Max(0.01m, decimal.Round(a.Bedrag * (decimal)_rnd.NextDouble(), 2)),
            };
            return new ToekenningBoeken(Id, a.AanvraagId, bedrag, VolgendMoment(), Behandelaar);
        }

        private TijdvakCommand Vrijgeven()
        {
            var alle = State.Aanvragen.Values.ToList();
            if (alle.Count == 0)
            {
                return NieuweDag();
            }

            var a = alle[_rnd.Next(alle.Count)];
            return new BeslagVrijgeven(Id, a.AanvraagId, (VrijgaveReden)_rnd.Next(4), VolgendMoment(), Behandelaar);
        }

        private TijdvakCommand Verlagen()
        {
            var toegekend = State.Aanvragen.Values.Where(a => a.Status == PlaatsStatus.Toegekend).ToList();
            if (toegekend.Count == 0)
            {
                return Toekennen();
            }

            var a = toegekend[_rnd.Next(toegekend.Count)];
            var bedrag = _rnd.Next(8) switch
            {
                0 => a.Toegekend + 1m, // a raise: refused
                1 => 0m, // full intrekking
                _ => decimal.Round(a.Toegekend * (decimal)_rnd.NextDouble(), 2),
            };
            return new ToegekendVerlagen(Id, a.AanvraagId, bedrag, (VerlagingReden)_rnd.Next(3), VolgendMoment(), Behandelaar);
        }

        private BudgetplafondWijzigen Plafond()
        {
            var bezet = State.Beslag + State.Toegekend;
            var bedrag = Math.Max(0m, bezet + (_rnd.Next(-4, 30) * 50m));
            return new BudgetplafondWijzigen(Id, bedrag, "Willekeurige wijziging", VolgendMoment(), Beheerder);
        }

        private TijdvakCommand Sluiten()
        {
            if (_laatsteDag <= KorteSluit)
            {
                _laatsteDag = KorteSluit;
            }

            return new TijdvakSluiten(Id, [], Later(Amsterdam.EindeVan(KorteSluit)), Systeem);
        }

        private List<Ontvangst> Schudden(List<Ontvangst> lijst) => [.. lijst.OrderBy(_ => _rnd.Next())];

        private int Bedrag(int van, int tot) => _rnd.Next(van, tot);

        private DateTimeOffset VolgendMoment() => Later(_klok);

        private DateTimeOffset Later(DateTimeOffset minstens)
        {
            _klok = (minstens > _klok ? minstens : _klok).AddMinutes(_rnd.Next(1, 120));
            return _klok;
        }

        private void ControleerEvent(TijdvakState voor, TijdvakEvent e)
        {
            switch (e)
            {
                case DagAfgesloten dag:
                {
                    var kandidaten = dag.Ontvangsten.Select(o => o.AanvraagId).ToList();
                    if (!Tijdvak.InOntvangstvolgorde(dag.Ontvangsten).Select(o => o.AanvraagId).SequenceEqual(kandidaten))
                    {
                        Faal("De ontvangsten staan niet in volgorde van ontvangst.");
                    }

                    IReadOnlyList<Guid> volgorde = kandidaten;
                    if (dag.Loting is { } loting)
                    {
                        // Replayable from the event alone.
                        if (!kandidaten.SequenceEqual(loting.Kandidaten) || !Loting.Schud(loting.Kandidaten, loting.Seed).SequenceEqual(loting.Volgorde))
                        {
                            Faal($"De loting met seed {loting.Seed} is niet na te spelen.");
                        }

                        volgorde = loting.Volgorde;
                    }
                    else if (dag.OpWachtlijst.Count > 0 && kandidaten.Count > 1)
                    {
                        Faal("Zonder loting wachten er meerdere aanvragen van dezelfde dag.");
                    }

                    // Placed: a prefix of the order; waiting: the rest, in that order. Nobody is placed while others wait from before.
                    if (!dag.Plaatsingen.Select(p => p.AanvraagId).Concat(dag.OpWachtlijst.Select(w => w.AanvraagId)).SequenceEqual(volgorde))
                    {
                        Faal("Plaatsingen en wachtlijst volgen de getrokken volgorde niet.");
                    }

                    if (!voor.Wachtlijst.IsEmpty && dag.Plaatsingen.Count > 0)
                    {
                        Faal("Geplaatst terwijl anderen al wachtten.");
                    }

                    _volgnummer++;
                    for (var i = 0; i < dag.OpWachtlijst.Count; i++)
                    {
                        _rang[dag.OpWachtlijst[i].AanvraagId] = (_volgnummer, i);
                    }

                    break;
                }

                case WachtlijstOpgeschoven op:
                    if (!voor.Wachtlijst.Take(op.Plaatsingen.Count).SequenceEqual(op.Plaatsingen.Select(p => p.AanvraagId)))
                    {
                        Faal("De wachtlijst schoof niet vanaf de kop op.");
                    }

                    break;
            }
        }

        // Plain loops rather than xunit's collection asserts: this runs after every one of ~80,000 steps and must stay fast.
        private void ControleerGrootboek(TijdvakState s)
        {
            var plafond = s.Plafond ?? 0m;
            if (!(s.Beslag + s.Toegekend <= plafond))
            {
                Faal($"beslag {s.Beslag} + toegekend {s.Toegekend} > plafond {plafond}");
            }

            if (!(s.Beschikbaar >= 0m))
            {
                Faal($"beschikbaar {s.Beschikbaar} < 0");
            }

            decimal beslag = 0m, toegekend = 0m;
            var wachtend = 0;
            foreach (var a in s.Aanvragen.Values)
            {
                if (!(a.Status == PlaatsStatus.Beslag || a.Beslag == 0m))
                {
                    Faal($"{a.AanvraagId} heeft beslag {a.Beslag} met status {a.Status}");
                }

                if (!(a.Status == PlaatsStatus.Toegekend || a.Toegekend == 0m))
                {
                    Faal($"{a.AanvraagId} heeft toegekend {a.Toegekend} met status {a.Status}");
                }

                if (!(a.Toegekend <= a.Bedrag))
                {
                    Faal($"{a.AanvraagId} kreeg meer toegekend dan gevraagd");
                }

                beslag += a.Beslag;
                toegekend += a.Toegekend;
                wachtend += a.Status == PlaatsStatus.OpWachtlijst ? 1 : 0;
            }

            if (!(beslag == s.Beslag))
            {
                Faal($"beslag {s.Beslag} ≠ som over de aanvragen {beslag}");
            }

            if (!(toegekend == s.Toegekend))
            {
                Faal($"toegekend {s.Toegekend} ≠ som over de aanvragen {toegekend}");
            }

            // The wachtlijst is exactly the aanvragen with status OpWachtlijst: nobody both placed and waiting, nobody twice.
            if (!(wachtend == s.Wachtlijst.Count))
            {
                Faal($"{wachtend} aanvragen wachten, de wachtlijst heeft er {s.Wachtlijst.Count}");
            }

            // Ranks strictly increase along the wachtlijst, which also rules out anyone standing on it twice.
            (int Volgnummer, int Index) vorige = (0, -1);
            foreach (var id in s.Wachtlijst)
            {
                if (!(s.Aanvragen[id].Status == PlaatsStatus.OpWachtlijst))
                {
                    Faal($"{id} staat op de wachtlijst met status {s.Aanvragen[id].Status}");
                }

                // In order of receipt / lottery: each one ranks after the one before it.
                var rang = _rang[id];
                if (!(rang.Volgnummer > vorige.Volgnummer || (rang.Volgnummer == vorige.Volgnummer && rang.Index > vorige.Index)))
                {
                    Faal($"De wachtlijst staat niet op volgorde bij {id}");
                }

                vorige = rang;
            }

            if (!(s.Status != TijdvakStatus.Definitief || s.Wachtlijst.IsEmpty))
            {
                Faal("Een definitief tijdvak heeft nog een wachtlijst");
            }
        }

        private static void Faal(string melding) => throw new InvalidOperationException(melding);

        // After a whole command (not between its events): whatever could move up has moved up
        // (LIFECYCLE.md: freed budget goes to the wachtlijst first, at once; a raise moves it up at once).
        private static void ControleerOpgeschoven(TijdvakState s)
        {
            if (s.Status != TijdvakStatus.Definitief && !s.Wachtlijst.IsEmpty)
            {
                if (!(s.Aanvragen[s.Wachtlijst[0]].Bedrag > s.Beschikbaar))
                {
                    Faal("De eerste op de wachtlijst past maar wacht nog.");
                }
            }
        }

        private static void ControleerJson(TijdvakEvent e)
        {
            // The event store stores events as JSON by their registered name: every event must round-trip unchanged.
            var type = DomeinEvents.TypeVan(DomeinEvents.NaamVan(e.GetType()))!;
            var terug = JsonSerializer.Deserialize(JsonSerializer.Serialize(e, type), type);
            Assert.True(Structuur.Gelijk(e, terug), $"JSON round trip changed {Structuur.Toon(e)} into {Structuur.Toon(terug)}");
        }
    }
}
