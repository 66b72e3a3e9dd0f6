using System.Net.Http.Json;
using System.Text.Json;
using WozoSubsidies.Api.Tests.Besluiten;
using WozoSubsidies.Audit.Invoer;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Audit.Tests.Verificatie;

/// <summary>Its own database: it removes the last event of a stream behind the service's back, and mends the stream's
/// head so that every chain still verifies; only an export kept from before shows what is gone.</summary>
public sealed class VorigeExportTests(BesluitenFixture api) : IClassFixture<BesluitenFixture>, IDisposable
{
    private readonly Dossier _d = new(api);
    private readonly Cli _cli = new(api);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Een_verwijderd_laatste_event_of_een_verwijderde_stream_vindt_alleen_de_vergelijking_met_een_eerdere_export()
    {
        var (_, toegekend) = await _d.ToegekendeAanvraagAsync();
        var stream = $"aanvraag-{toegekend:D}";
        var weg = $"aanvraag-{await _d.DienInAsync(await _d.TijdvakAsync(), jongeren: 3):D}";
        var eerder = await _cli.ExportAsync("eerder.ndjson");

        // Growth since the earlier export is fine: a new aanvraag, a new stream.
        var tijdvak = await _d.TijdvakAsync();
        await _d.DienInAsync(tijdvak, jongeren: 2);
        var gegroeid = await _cli.ExportAsync("gegroeid.ndjson");
        Assert.Equal(AuditCli.Ok, (await _cli.RunAsync("verifieer", "--bestand", gegroeid, "--vorige", eerder)).Code);

        // The toekenning removed, and the head set back to the event before it: every chain verifies.
        var laatste = await api.ScalarAsync<long>($"select version from eventstore.streams where stream_id = '{stream}'");
        var (positie, eventId) = await _d.EventAsync(stream, laatste);
        await api.ExecuteAsync(
            $"delete from eventstore.events where stream_id = '{stream}' and stream_version = {laatste}; " +
            $"update eventstore.streams s set version = e.stream_version, last_hash = e.hash from eventstore.events e " +
            $"where s.stream_id = '{stream}' and e.stream_id = s.stream_id and e.stream_version = {laatste - 1}; " +
            $"delete from eventstore.events where stream_id = '{weg}'; delete from eventstore.streams where stream_id = '{weg}'");
        Assert.True((await _d.Auditor.GetFromJsonAsync<JsonElement>("/api/audit/verificatie")).GetProperty("ok").GetBoolean());
        var nu = await _cli.ExportAsync("nu.ndjson");
        Assert.Equal(AuditCli.Ok, (await _cli.RunAsync("verifieer", "--bestand", nu)).Code);

        foreach (var bron in new[] { new[] { "--bestand", nu }, ["--api", Cli.Url] })
        {
            var (code, uit) = await _cli.RunAsync(["verifieer", .. bron, "--vorige", eerder]);
            Assert.Equal(AuditCli.Afwijking, code);
            Assert.Contains($"stream   {stream}\n", uit, StringComparison.Ordinal);
            Assert.Contains($"versie   {laatste}\n", uit, StringComparison.Ordinal);
            Assert.Contains($"positie  {positie}\n", uit, StringComparison.Ordinal);
            Assert.Contains($"event    {eventId}\n", uit, StringComparison.Ordinal);
            Assert.Contains("stond in de vorige export en ontbreekt nu", uit, StringComparison.Ordinal);
        }
        var (jsonCode, json, _) = await _cli.RunMetVoortgangAsync(false, "verifieer", "--bestand", nu, "--vorige", eerder, "--json");
        Assert.Equal(AuditCli.Afwijking, jsonCode);
        var uitkomst = JsonDocument.Parse(json).RootElement;
        var eerste = uitkomst.GetProperty("eersteAfwijking");
        Assert.Equal(stream, eerste.GetProperty("streamId").GetString());
        Assert.Equal(eventId, eerste.GetProperty("eventId").GetGuid());
        Assert.Equal(2, uitkomst.GetProperty("streamsMetAfwijking").GetInt32());
        var verwijderd = Assert.Single(uitkomst.GetProperty("afwijkingen").EnumerateArray(), a => a.GetProperty("streamId").GetString() == weg);
        Assert.Contains("ontbreekt nu", verwijderd.GetProperty("reden").GetString(), StringComparison.Ordinal);

        // An earlier export that is not there, or --vorige on another command, is the tool's failure (2), not a finding.
        Assert.Equal(AuditCli.Fout, (await _cli.RunAsync("herspeel", "--bestand", nu, "--vorige", eerder)).Code);
        Assert.Equal(AuditCli.Fout, (await _cli.RunAsync("verifieer", "--bestand", nu, "--vorige", Path.Combine(_cli.Map, "bestaat-niet.ndjson"))).Code);
    }

    [Fact]
    public async Task Een_herschreven_stream_met_herberekende_hashes_verschilt_van_de_eerdere_export()
    {
        var (_, toegekend) = await _d.ToegekendeAanvraagAsync();
        var stream = $"aanvraag-{toegekend:D}";
        var eerder = await _cli.ExportAsync("voor-herschrijven.ndjson");
        var regels = await File.ReadAllLinesAsync(eerder);

        // A forger with the export in hand: the requested amount of the first event changed and every hash of the
        // stream recomputed, so that every chain verifies.
        var herschreven = Path.Combine(_cli.Map, "herschreven.ndjson");
        byte[]? vorige = null;
        var uitRegels = new List<string>();
        for (var i = 0; i < regels.Length; i++)
        {
            var e = ExportLezer.Regel(regels[i], i + 1);
            if (e.StreamId != stream)
            {
                uitRegels.Add(regels[i]);
                continue;
            }
            var data = e.StreamVersion == 1 ? VeranderBedrag(e.Data) : e.Data;
            var nieuw = e with { Data = data };
            var hash = EventHashing.Next(vorige, nieuw);
            vorige = hash;
            uitRegels.Add(regels[i].Replace(e.Data, data, StringComparison.Ordinal)
                .Replace(Convert.ToHexStringLower(e.Hash), Convert.ToHexStringLower(hash), StringComparison.Ordinal));
        }
        await File.WriteAllLinesAsync(herschreven, uitRegels);
        Assert.Equal(AuditCli.Ok, (await _cli.RunAsync("verifieer", "--bestand", herschreven)).Code);

        var (code, uit, _) = await _cli.RunMetVoortgangAsync(false, "verifieer", "--bestand", herschreven, "--vorige", eerder, "--json");

        Assert.Equal(AuditCli.Afwijking, code);
        var afwijking = Assert.Single(JsonDocument.Parse(uit).RootElement.GetProperty("afwijkingen").EnumerateArray());
        Assert.Equal(stream, afwijking.GetProperty("streamId").GetString());
        Assert.Contains("verschilt van de vorige export", afwijking.GetProperty("reden").GetString(), StringComparison.Ordinal);
    }

    private static string VeranderBedrag(string data)
    {
        var bedrag = JsonDocument.Parse(data).RootElement.GetProperty("aangevraagdBedrag").GetRawText();
        return data.Replace($"\"aangevraagdBedrag\": {bedrag}", "\"aangevraagdBedrag\": 1.00", StringComparison.Ordinal);
    }
}
