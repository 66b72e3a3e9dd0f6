using System.Net.Http.Json;
using System.Text.Json;
using WozoSubsidies.Api.Tests.Besluiten;
using WozoSubsidies.Audit.Herspelen;
using WozoSubsidies.Audit.Invoer;

namespace WozoSubsidies.Audit.Tests.Herspelen;

public sealed class HerspeelTests(BesluitenFixture api) : IClassFixture<BesluitenFixture>, IDisposable
{
    private readonly Dossier _d = new(api);
    private readonly Cli _cli = new(api);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Het_herspeelde_log_komt_voor_elk_tijdvak_en_elke_aanvraag_overeen_met_wat_de_dienst_meldt()
    {
        var s = await Scenario.SpeelAsync(_d);
        var export = await _cli.ExportAsync();

        // The replay itself, field by field against GET /api/tijdvakken/{id}: the CLI's comparison is not taken on trust.
        var herspeler = new Herspeler();
        await using (var bestand = File.OpenRead(export))
        {
            await foreach (var e in ExportLezer.LeesAsync(bestand))
            {
                herspeler.Voeg(e);
            }
        }
        herspeler.Sluit();
        Assert.Empty(herspeler.Problemen);
        var tijdvakken = herspeler.Tijdvakken();
        Assert.Equal(new[] { s.Tijdvak, s.TweedeTijdvak }.Order(), tijdvakken.Select(t => t.Id).Order());
        foreach (var t in tijdvakken)
        {
            var dienst = await _d.Auditor.GetFromJsonAsync<JsonElement>($"/api/tijdvakken/{t.Id}");
            var budget = dienst.GetProperty("budget");
            Assert.Equal(budget.GetProperty("plafond").GetDecimal(), t.Plafond);
            Assert.Equal(budget.GetProperty("beslag").GetDecimal(), t.Beslag);
            Assert.Equal(budget.GetProperty("toegekend").GetDecimal(), t.Toegekend);
            Assert.Equal(budget.GetProperty("vrijgevallen").GetDecimal(), t.Vrijgevallen);
            Assert.Equal(budget.GetProperty("beschikbaar").GetDecimal(), t.Beschikbaar);
            Assert.Equal(budget.GetProperty("wachtlijst").GetInt32(), t.Wachtlijst);
            Assert.Equal(dienst.GetProperty("status").GetString(), t.Status.ToString());
            Assert.Equal(dienst.GetProperty("versie").GetInt64(), t.Versie);
        }
        var eerste = tijdvakken.Single(t => t.Id == s.Tijdvak);
        Assert.Equal((3_000m, 0m, 0), (eerste.Vrijgevallen, eerste.Beslag, eerste.Wachtlijst));
        var aanvragen = herspeler.Aanvragen().ToDictionary(a => a.Id);
        Assert.Equal("Afgewezen", aanvragen[s.Afgewezen].Status.ToString());
        Assert.Equal("Ingetrokken", aanvragen[s.Ingetrokken].Status.ToString());
        Assert.Equal("Toegekend", aanvragen[s.VanWachtlijst].Status.ToString());
        Assert.Equal(2 * Dossier.PerJongere - 3_000m, aanvragen[s.Toegekend].ToegekendBedrag);

        // The tool: on the export file and straight from the API, compared with the service.
        foreach (var bron in new[] { new[] { "--bestand", export }, ["--api", Cli.Url] })
        {
            var (code, uit) = await _cli.RunAsync(["herspeel", .. bron, "--vergelijk", Cli.Url]);
            Assert.True(code == AuditCli.Ok, uit);
            Assert.Contains("2 tijdvakken, 6 aanvragen", uit, StringComparison.Ordinal);
            Assert.Contains($"tijdvak {s.Tijdvak} IWO", uit, StringComparison.Ordinal);
            Assert.Contains("toegekend 20040.00 vrijgevallen 3000.00", uit, StringComparison.Ordinal);
            Assert.Contains("De dienst meldt voor elk tijdvak en elke aanvraag hetzelfde als het herspeelde log.", uit, StringComparison.Ordinal);
            Assert.DoesNotContain("VERSCHIL", uit, StringComparison.Ordinal);
        }
    }
}

/// <summary>Its own database: it changes the read models behind the service's back.</summary>
public sealed class VergelijkingTests(BesluitenFixture api) : IClassFixture<BesluitenFixture>, IDisposable
{
    private readonly Dossier _d = new(api);
    private readonly Cli _cli = new(api);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Een_leesmodel_dat_achter_de_dienst_om_is_gewijzigd_meldt_de_vergelijking_als_verschil()
    {
        var (tijdvak, aanvraag) = await _d.ToegekendeAanvraagAsync();
        await _d.DienInAsync(tijdvak, org: Dossier.AndereOrg);
        await _cli.ExportAsync(); // waits until the log reader sees every event
        Assert.Equal(AuditCli.Ok, (await _cli.RunAsync("herspeel", "--api", Cli.Url, "--vergelijk", Cli.Url)).Code);

        // The events stay as they are: only the rows the lists are read from change.
        await api.ExecuteAsync($"update api.aanvragen set status = 'Afgewezen' where id = '{aanvraag}'");
        await api.ExecuteAsync($"update api.tijdvakken set toegekend = toegekend + 100 where id = '{tijdvak}'");

        var (code, uit) = await _cli.RunAsync("herspeel", "--api", Cli.Url, "--vergelijk", Cli.Url);

        Assert.Equal(AuditCli.Afwijking, code);
        Assert.Contains($"VERSCHIL GET /api/aanvragen {aanvraag} status: de dienst zegt Afgewezen, herspeeld Toegekend", uit, StringComparison.Ordinal);
        Assert.Contains($"VERSCHIL GET /api/regelingen/IWO/tijdvakken {tijdvak} budget.toegekend: de dienst zegt 11620.00, herspeeld 11520.00", uit, StringComparison.Ordinal);
        var verschillen = uit.Split('\n').Where(r => r.StartsWith("VERSCHIL", StringComparison.Ordinal)).ToList();
        // Only the changed rows: the detail routes fold the events and agree with the replay.
        Assert.All(verschillen, v => Assert.True(
            v.StartsWith($"VERSCHIL GET /api/aanvragen {aanvraag} ", StringComparison.Ordinal)
            || v.StartsWith($"VERSCHIL GET /api/regelingen/IWO/tijdvakken {tijdvak} ", StringComparison.Ordinal), v));
        Assert.Contains($"{verschillen.Count} verschil(len) met de dienst.", uit, StringComparison.Ordinal);
    }
}
