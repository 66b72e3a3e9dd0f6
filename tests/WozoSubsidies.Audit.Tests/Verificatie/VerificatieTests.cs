using System.Net.Http.Json;
using System.Text.Json;
using WozoSubsidies.Api.Tests.Besluiten;

namespace WozoSubsidies.Audit.Tests.Verificatie;

/// <summary>Its own database: it changes an event behind the service's back.</summary>
public sealed class VerificatieTests(BesluitenFixture api) : IClassFixture<BesluitenFixture>, IDisposable
{
    private readonly Dossier _d = new(api);
    private readonly Cli _cli = new(api);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Een_in_de_database_gewijzigd_event_vinden_de_api_en_de_cli_op_precies_dat_event()
    {
        var (_, toegekend) = await _d.ToegekendeAanvraagAsync();
        var tijdvak = await _d.TijdvakAsync();
        var aanvraag = await _d.DienInAsync(tijdvak, jongeren: 3);
        var schoon = await _cli.ExportAsync("schoon.ndjson");
        Assert.Equal(AuditCli.Ok, (await _cli.RunAsync("verifieer", "--bestand", schoon)).Code);
        Assert.Equal(AuditCli.Ok, (await _cli.RunAsync("verifieer", "--api", Cli.Url)).Code);

        // The submitted amount of the aanvraag, changed directly in the table: no hash is recomputed.
        var stream = $"aanvraag-{aanvraag:D}";
        var (positie, eventId) = await _d.EventAsync(stream, 1);
        await api.ExecuteAsync($"update eventstore.events set data = jsonb_set(data, '{{aangevraagdBedrag}}', '1') where stream_id = '{stream}' and stream_version = 1");

        var dienst = await _d.Auditor.GetFromJsonAsync<JsonElement>("/api/audit/verificatie");
        Assert.False(dienst.GetProperty("ok").GetBoolean());
        var afwijking = dienst.GetProperty("eersteAfwijking");
        Assert.Equal(stream, afwijking.GetProperty("streamId").GetString());
        Assert.Equal(1, afwijking.GetProperty("versie").GetInt64());
        Assert.Equal(positie, afwijking.GetProperty("positie").GetInt64());

        var export = await _cli.ExportAsync("gewijzigd.ndjson");
        foreach (var args in new[] { new[] { "verifieer", "--bestand", export }, ["verifieer", "--api", Cli.Url] })
        {
            var (code, uit) = await _cli.RunAsync(args);
            Assert.Equal(AuditCli.Afwijking, code);
            Assert.Contains($"stream   {stream}\n", uit, StringComparison.Ordinal);
            Assert.Contains("versie   1\n", uit, StringComparison.Ordinal);
            Assert.Contains($"positie  {positie}\n", uit, StringComparison.Ordinal);
            Assert.Contains($"event    {eventId}\n", uit, StringComparison.Ordinal);
            Assert.Contains("past niet bij de inhoud van het event", uit, StringComparison.Ordinal);
            Assert.DoesNotContain(toegekend.ToString(), uit, StringComparison.Ordinal); // the other aanvraag's chain is whole
        }
        // The export taken before the change still verifies: it holds the events as they were.
        Assert.Equal(AuditCli.Ok, (await _cli.RunAsync("verifieer", "--bestand", schoon)).Code);

        // The same findings for a script (--json): one JSON document on stdout, and the same exit codes.
        foreach (var args in new[] { new[] { "verifieer", "--bestand", export, "--json" }, ["verifieer", "--api", Cli.Url, "--json"] })
        {
            var (code, uit, _) = await _cli.RunMetVoortgangAsync(false, args);
            Assert.Equal(AuditCli.Afwijking, code);
            var json = JsonDocument.Parse(uit).RootElement;
            Assert.False(json.GetProperty("ok").GetBoolean());
            Assert.Equal(1, json.GetProperty("streamsMetAfwijking").GetInt32());
            var eerste = json.GetProperty("eersteAfwijking");
            Assert.Equal(stream, eerste.GetProperty("streamId").GetString());
            Assert.Equal(1, eerste.GetProperty("versie").GetInt64());
            Assert.Equal(positie, eerste.GetProperty("positie").GetInt64());
            Assert.Equal(eventId, eerste.GetProperty("eventId").GetGuid());
            var dienstOordeel = json.GetProperty("dienst");
            Assert.Equal(args.Contains("--api") ? JsonValueKind.Object : JsonValueKind.Null, dienstOordeel.ValueKind);
            if (args.Contains("--api"))
            {
                Assert.False(dienstOordeel.GetProperty("ok").GetBoolean());
            }
        }
        var (schoonCode, schoonUit, _) = await _cli.RunMetVoortgangAsync(false, "verifieer", "--bestand", schoon, "--json");
        Assert.Equal(AuditCli.Ok, schoonCode);
        Assert.True(JsonDocument.Parse(schoonUit).RootElement.GetProperty("ok").GetBoolean());

        // Replayed from the changed log, the aanvraag asks 1 euro; the service still reports what was submitted.
        var (herspeelCode, herspeelUit, _) = await _cli.RunMetVoortgangAsync(false, "herspeel", "--bestand", export, "--vergelijk", Cli.Url, "--json");
        Assert.Equal(AuditCli.Afwijking, herspeelCode);
        var herspeeld = JsonDocument.Parse(herspeelUit).RootElement;
        Assert.False(herspeeld.GetProperty("ok").GetBoolean());
        Assert.True(herspeeld.GetProperty("vergeleken").GetBoolean());
        Assert.Contains(herspeeld.GetProperty("tijdvakken").EnumerateArray(), t => t.GetProperty("id").GetGuid() == tijdvak);
        Assert.Contains(herspeeld.GetProperty("verschillen").EnumerateArray(),
            v => v.GetProperty("id").GetString() == aanvraag.ToString() && v.GetProperty("herspeeld").GetString() == "1.00");
    }
}

/// <summary>What the tool makes of an export that was changed after it was taken.</summary>
public sealed class ExportControleTests(BesluitenFixture api) : IClassFixture<BesluitenFixture>, IDisposable
{
    private readonly Dossier _d = new(api);
    private readonly Cli _cli = new(api);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Een_event_dat_uit_de_export_is_weggelaten_wordt_genoemd_bij_het_event_erna()
    {
        var (_, aanvraag) = await _d.ToegekendeAanvraagAsync();
        var stream = $"aanvraag-{aanvraag:D}";
        var pad = await _cli.ExportAsync("volledig.ndjson");
        var regels = await File.ReadAllLinesAsync(pad);
        var vanStream = regels.Where(r => r.Contains($"\"streamId\":\"{stream}\"", StringComparison.Ordinal)).ToList();
        Assert.True(vanStream.Count >= 3);
        var zonder = Path.Combine(_cli.Map, "zonder.ndjson");
        await File.WriteAllLinesAsync(zonder, regels.Where(r => r != vanStream[1]));

        var (code, uit) = await _cli.RunAsync("verifieer", "--bestand", zonder);

        Assert.Equal(AuditCli.Afwijking, code);
        var derde = JsonDocument.Parse(vanStream[2]).RootElement;
        Assert.Contains($"stream   {stream}\n", uit, StringComparison.Ordinal);
        Assert.Contains("versie   3\n", uit, StringComparison.Ordinal);
        Assert.Contains($"event    {derde.GetProperty("eventId").GetGuid()}\n", uit, StringComparison.Ordinal);
        Assert.Contains("het event met versie 2 ontbreekt", uit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Een_export_waarin_een_stream_niet_op_versievolgorde_staat_klopt_toch()
    {
        // A transaction that waited for a stream's lock appends the next version at a lower position: the log order
        // then differs from the version order, and the chain must still check out.
        var (_, aanvraag) = await _d.ToegekendeAanvraagAsync();
        var stream = $"aanvraag-{aanvraag:D}";
        var regels = (await File.ReadAllLinesAsync(await _cli.ExportAsync("op-volgorde.ndjson"))).ToList();
        var eerste = regels.FindIndex(r => r.Contains($"\"streamId\":\"{stream}\"", StringComparison.Ordinal));
        var tweede = regels.FindIndex(eerste + 1, r => r.Contains($"\"streamId\":\"{stream}\"", StringComparison.Ordinal));
        (regels[eerste], regels[tweede]) = (regels[tweede], regels[eerste]);
        var omgedraaid = Path.Combine(_cli.Map, "omgedraaid.ndjson");
        await File.WriteAllLinesAsync(omgedraaid, regels);

        var (code, uit) = await _cli.RunAsync("verifieer", "--bestand", omgedraaid);

        Assert.True(code == AuditCli.Ok, uit);
        Assert.Contains("Elke hashketen klopt.", uit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task De_voortgangsbalk_staat_op_stderr_en_de_uitkomst_op_stdout()
    {
        await _d.ToegekendeAanvraagAsync();
        var export = await _cli.ExportAsync("voortgang.ndjson");

        var (code, uit, fout) = await _cli.RunMetVoortgangAsync(true, "verifieer", "--bestand", export);
        Assert.Equal(AuditCli.Ok, code);
        Assert.Contains("verifiëren [##############################] 100%", fout, StringComparison.Ordinal);
        Assert.DoesNotContain("[#", uit, StringComparison.Ordinal);
        Assert.Contains("Elke hashketen klopt.", uit, StringComparison.Ordinal);

        (code, uit, fout) = await _cli.RunMetVoortgangAsync(true, "herspeel", "--api", Cli.Url, "--vergelijk", Cli.Url);
        Assert.Equal(AuditCli.Ok, code);
        Assert.Contains("herspelen ", fout, StringComparison.Ordinal);
        Assert.Contains("vergelijken [##############################] 100%", fout, StringComparison.Ordinal);

        // Not a terminal (a pipe, CI): nothing on stderr.
        (_, _, fout) = await _cli.RunMetVoortgangAsync(false, "verifieer", "--bestand", export);
        Assert.Empty(fout);
    }

    [Fact]
    public async Task Zonder_bron_of_met_een_kapotte_export_zegt_de_cli_wat_er_mis_is_met_exitcode_2()
    {
        Assert.Equal(AuditCli.Fout, (await _cli.RunAsync("verifieer")).Code);
        Assert.Equal(AuditCli.Fout, (await _cli.RunAsync("verifieer", "--bestand", Path.Combine(_cli.Map, "bestaat-niet.ndjson"))).Code);
        var kapot = Path.Combine(_cli.Map, "kapot.ndjson");
        await File.WriteAllTextAsync(kapot, "{\"positie\":1}\n");
        var (code, uit) = await _cli.RunAsync("verifieer", "--bestand", kapot);
        Assert.Equal(AuditCli.Fout, code);
        Assert.Contains("Regel 1 van de export is geen event", uit, StringComparison.Ordinal);
    }
}
