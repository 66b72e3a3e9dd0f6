using System.Text.Json;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Regels;
using WozoSubsidies.Domain.Tests.Specificatie;
using WozoSubsidies.Domain.Tijdvakken;

namespace WozoSubsidies.Domain.Tests.Gedeeld;

/// <summary>The event store keeps events as JSON under their registered name: each regeling and tijdvak event must come back unchanged.</summary>
public sealed class EventJsonSpecificaties
{
    private static readonly DateTimeOffset Op = new(2024, 2, 1, 10, 0, 0, TimeSpan.FromHours(1));
    private static readonly Actor Door = new("beheerder-1", "beheerder");
    private static readonly Guid T = Guid.Parse("00000000-0000-0000-0000-00000000a001");
    private static readonly Guid A = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid B = Guid.Parse("00000000-0000-0000-0000-000000000002");

    public static TheoryData<IDomeinEvent> Voorbeelden() =>
    [
        new RegelingIngesteld("IOC", "Implementatie- en Opschalingscoaching", Uitvoerder.ZonMw, Verdeelmethode.VolgordeVanBinnenkomst,
            ["zorgaanbieder", "gemeente"], 13, 10_000m, new Herverdelingsbeleid.VolgendeTijdvak(), null, Op, Door),
        new RegelingIngesteld("IWO", "Intergenerationeel wonen", Uitvoerder.DusI, Verdeelmethode.VolgordeVanBinnenkomst,
            ["woningcorporatie"], 13, 50_000m, new Herverdelingsbeleid.Elders("Programma Wonen en Zorg"), null, Op, Door),
        new RegelsVastgesteld("SZGW", 1, 0, new(2023, 9, 15), SzgwParameters.Standaard, Op, Door),
        new RegelingBeeindigd("SZGW", new(2025, 12, 31), "Programma afgerond", Op, Door),
        new TijdvakAangemeld("SZGW", T, "Tranche 2", new(2025, 5, 15), new(2025, 11, 28), null, 90_000_000m, 312_000_000m, Op, Door),
        new TijdvakPlafondGeregistreerd("SZGW", T, 75_000_000m, 90_000_000m, 75_000_000m, 90_000_000m, 312_000_000m, Op, Door),
        new TijdvakGepland(T, "IOC", "Ronde 2", new(2023, 9, 12), new(2023, 10, 31), 1_000_000m, Verdeelmethode.VolgordeVanBinnenkomst,
            new TijdvakRegels { UitgeslotenBeroepsgroepen = ["fysiotherapie", "oefentherapie"], MaxLooptijdMaanden = 6 }, ["12345678"], Op, Door),
        new TijdvakGeopend(T, 1_000_000m, Op, Door),
        new DagAfgesloten(T, new(2023, 9, 12), [new Ontvangst(A, 10_000m, Op), new Ontvangst(B, 9_999.99m, Op)],
            new LotingUitslag(-42, [A, B], [B, A]), [new Plaatsing(B, 9_999.99m)], [new WachtlijstPlaatsing(A, 10_000m, 1)],
            15_000m, 5_000.01m, Regelgrond.Loting, Op, Door),
        new TijdvakGesloten(T, new(2023, 10, 31), [new(2023, 9, 12)], Op, Door),
        new ToekenningGeboekt(T, A, 10_000m, 9_000m, 1_000m, Op, Door),
        new BeslagVrijgegeven(T, A, 10_000m, VrijgaveReden.Aanvullingsverzoek, Op, Door),
        new VanWachtlijstGehaald(T, A, 10_000m, 3, VrijgaveReden.Intrekking, Op, Door),
        new ToekenningVerlaagd(T, A, 10_000m, 0m, 10_000m, VerlagingReden.IntrekkingToekenning, true, Op, Door),
        new BudgetplafondGewijzigd(T, null, 1_000m, 0m, "Vastgesteld", Op, Door),
        new WachtlijstOpgeschoven(T, [new Plaatsing(A, 1m)], 2m, 1m, 0, Regelgrond.Wachtlijst, Op, Door),
        new Gerangschikt(T, [new Rangplaats(1, A, 5m, 8.5m, Op), new Rangplaats(2, B, 5m, 7m, Op)], [new Plaatsing(A, 5m)],
            [new PlafondAfwijzing(B, 5m, 2)], 6m, 1m, Regelgrond.Rangschikking, Op, Door),
        new TijdvakDefinitiefVerklaard(T, [new PlafondAfwijzing(B, 5m, 1)], 6m, 5m, 1m, Tijdvak.PlafondBereiktCode, Regelgrond.PlafondBereikt, Op, Door),
        new BudgetOvergeboekt(T, A, new Budgetrekening.AnderTijdvak(B), 1m, 6m, 5m, 1m, Op, Door),
        new BudgetOntvangen(T, A, new Budgetrekening.Programmareserve(), 1m, null, 1m, Op, Door),
        new BudgetOntvangen(T, B, new Budgetrekening.Elders("Programma Langer Thuis"), 1m, 2m, 3m, Op, Door),
        new NaBezwaarHerplaatst(T, A, 5m, Op, PlaatsStatus.OpWachtlijst, 2, 1m, Regelgrond.HerplaatsingNaBezwaar, Op, Door),
    ];

    [Theory]
    [MemberData(nameof(Voorbeelden))]
    public void Een_event_overleeft_een_json_rondreis_onder_zijn_geregistreerde_naam(IDomeinEvent e)
    {
        var type = DomeinEvents.TypeVan(DomeinEvents.NaamVan(e.GetType()))!;
        Assert.Equal(e.GetType(), type);
        var json = JsonSerializer.Serialize(e, type);
        var terug = JsonSerializer.Deserialize(json, type);
        Assert.True(Structuur.Gelijk(e, terug), $"{json}\nkwam terug als\n{Structuur.Toon(terug)}");
    }

    [Fact]
    public void Statussen_en_redenen_staan_als_woorden_in_de_json_niet_als_getallen()
    {
        var json = JsonSerializer.Serialize(new BeslagVrijgegeven(T, A, 1m, VrijgaveReden.BuitenBehandeling, Op, Door));
        Assert.Contains("\"BuitenBehandeling\"", json, StringComparison.Ordinal);
    }
}
