using System.Text.Json;
using WozoSubsidies.Domain.Aanvragen;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Tests.Specificatie;
using static WozoSubsidies.Domain.Tests.Aanvragen.Voorbeeld;

namespace WozoSubsidies.Domain.Tests.Aanvragen;

public sealed class LevensloopTests
{
    [Fact]
    public void Een_IWO_aanvraag_van_indienen_tot_vaststelling_met_terugvordering()
    {
        var dan = Nieuw()
            .When(Indiening())
            .Then(Ingediend())
            .When(new PlaatsToewijzen(AanvraagId, 57_600m, Dag(1), Systeem))
            .Then(Geplaatst())
            .When(new InBehandelingNemen(AanvraagId, Dag(2), Anna))
            .Then(InBehandeling())
            .When(new Beoordelen(AanvraagId, Advies.Positief, null, "Voldoet.", Dag(5), Anna))
            .Then(_ => { })
            .When(new Toekennen(AanvraagId, Besluit1, 57_600m, 50_000m, Dag(10), Anna))
            .Then(events => Assert.IsType<BesluitVoorgesteld>(Assert.Single(events)))
            .When(new BesluitGoedkeuren(AanvraagId, Besluit1, Dag(11), Bram))
            .Then(events => Assert.Equal(57_600m, Assert.IsType<AanvraagToegekend>(events[1]).ToegekendNa))
            .When(new VoorschotVerstrekken(AanvraagId, Voorschot1, 28_800m, Dag(20), Anna))
            .Then(_ => { })
            .When(new VoorschotVerstrekken(AanvraagId, Voorschot2, 14_400m, Dag(200), Anna))
            .Then(_ => { })
            .When(new VerantwoordingIndienen(AanvraagId, 38_500m, "Negen jongeren, twaalf maanden.", Dag(400), Indiener))
            .Then(_ => { })
            .When(new Vaststellen(AanvraagId, Besluit2, 38_500m, "Eén jongere vertrok na drie maanden.", 50_000m, Dag(420), Anna))
            .Then(events => Assert.IsType<BesluitVoorgesteld>(Assert.Single(events)))
            .When(new BesluitGoedkeuren(AanvraagId, Besluit2, Dag(421), Bram))
            .Then(
                new BesluitGoedgekeurd(AanvraagId, Besluit2, BesluitSoort.Vaststelling, Anna, Dag(421), Bram, Grondslagen.VierOgen),
                new SubsidieVastgesteld(
                    AanvraagId, Besluit2, 57_600m, null, 38_500m, 43_200m, 0m, 19_100m, "Eén jongere vertrok na drie maanden.", Bram, null,
                    Dag(421), Anna, "Awb 4:42; Awb 4:46"),
                new TerugvorderingVastgesteld(AanvraagId, Besluit2, 4_700m, 43_200m, 38_500m, Dag(421), Anna, "Awb 4:57"));

        var s = dan.State;
        Assert.Equal(AanvraagStatus.Vastgesteld, s.Status);
        Assert.Equal(57_600m, s.AangevraagdBedrag);
        Assert.Equal(57_600m, s.Toegekend);
        Assert.Equal(38_500m, s.Vastgesteld);
        Assert.Equal(43_200m, s.BetaaldeVoorschotten);
        Assert.Equal(4_700m, s.Teruggevorderd);
        Assert.Equal(38_500m, s.NettoBetaald);
        Assert.Equal([Besluit1, Besluit2], s.Besluiten.Select(b => b.BesluitId));
        Assert.All(dan.Geschiedenis, e => Assert.Equal(AanvraagId, e.AanvraagId));
        Assert.All(dan.Geschiedenis, e => Assert.False(string.IsNullOrWhiteSpace(e.Grondslag)));
    }

    [Fact]
    public void Elk_aanvraagevent_heeft_een_vaste_geversioneerde_naam()
    {
        var typen = typeof(AanvraagEvent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(AanvraagEvent)) && !t.IsAbstract)
            .ToList();
        Assert.Equal(22, typen.Count);
        foreach (var type in typen)
        {
            var naam = DomeinEvents.NaamVan(type);
            Assert.Matches("^[a-z]+(-[a-z]+)*\\.v[0-9]+$", naam);
            Assert.Equal(type, DomeinEvents.TypeVan(naam));
        }
    }

    public static TheoryData<AanvraagEvent> Voorbeeldevents =>
    [
        Ingediend(),
        Geplaatst(),
        OpWachtlijst(),
        AanvullingVerzocht(),
        Aangevuld(),
        Toegekend(),
        Afgewezen(),
        Voorgeschoten(1_000m),
        Vastgesteld(30_000m, betaald: 40_000m),
        new BesluitVoorgesteld(AanvraagId, Besluit1, BesluitSoort.Toekenning, Gevraagd, null, null, LageDrempel, Dag(10), Anna, Grondslagen.VierOgen),
        new BezwaarBeslist(AanvraagId, Bezwaar1, Besluit1, Besluit2, true, HerzieningSoort.Toekenning, 1m, "x", Dag(50), Bram, Grondslagen.Heroverweging),
    ];

    [Theory]
    [MemberData(nameof(Voorbeeldevents))]
    public void Events_komen_ongeschonden_door_JSON_zoals_de_event_store_ze_bewaart(AanvraagEvent @event)
    {
        var opties = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var json = JsonSerializer.Serialize(@event, @event.GetType(), opties);
        var terug = JsonSerializer.Deserialize(json, DomeinEvents.TypeVan(DomeinEvents.NaamVan(@event.GetType()))!, opties);
        Assert.True(Structuur.Gelijk(@event, terug), $"Na JSON anders:\n{json}");
    }

    [Fact]
    public void Een_event_van_een_andere_aanvraag_past_niet_in_deze_toestand() =>
        Assert.Throws<InvalidOperationException>(() =>
            Aanvraag.Evolve(IngediendeAanvraag().State, Geplaatst() with { AanvraagId = Guid.NewGuid() }));

    [Fact]
    public void Een_command_voor_een_andere_aanvraag_is_een_programmeerfout() =>
        Assert.Throws<ArgumentException>(() =>
            Aanvraag.Decide(new InBehandelingNemen(Guid.NewGuid(), Dag(2), Anna), GeplaatsteAanvraag().State));

    [Fact]
    public void Wie_en_wanneer_staan_op_elk_event() =>
        Nieuw()
            .When(Indiening())
            .Then(events =>
            {
                var e = Assert.Single(events);
                Assert.Equal(new Actor("sub-de-hof", "aanvrager"), e.Door);
                Assert.Equal(Ontvangen, e.Op);
            });
}
