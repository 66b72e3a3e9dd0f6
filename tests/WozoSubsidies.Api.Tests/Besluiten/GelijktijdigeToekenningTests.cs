using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static WozoSubsidies.Api.Tests.Besluiten.Dossier;

namespace WozoSubsidies.Api.Tests.Besluiten;

public sealed class GelijktijdigeToekenningTests(BesluitenFixture api) : IClassFixture<BesluitenFixture>
{
    private readonly Dossier _d = new(api);

    [Fact]
    public async Task Vijftig_gelijktijdige_toekenningen_van_dezelfde_aanvraag_kennen_precies_een_keer_toe_en_de_rest_krijgt_409()
    {
        var (tijdvak, aanvraag) = await _d.GeplaatsteAanvraagAsync(plafond: 100_000m);
        // The day's settlement is done first, so the race is about the toekenning alone.
        await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/beoordeling", new { advies = "Positief" }));
        var clients = Enumerable.Range(1, 50).Select(i => api.Als("behandelaar", $"behandelaar-{i}", uitvoerder: "DUS-I")).ToList();

        var responses = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning", new { bedrag = 11_520m })));

        var statussen = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.DoesNotContain(statussen, s => s >= 500);
        Assert.Equal(1, statussen.Count(s => s == 200));
        Assert.Equal(49, statussen.Count(s => s == 409));
        foreach (var geweigerd in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            await geweigerd.AssertProblemAsync(409, "ongeldige-overgang");
        }
        var stream = $"aanvraag-{aanvraag:D}";
        Assert.Equal(1L, await api.ScalarAsync<long>(
            $"select count(*) from eventstore.events where stream_id = '{stream}' and event_type = 'aanvraag-toegekend.v1'"));
        Assert.Equal(1L, await api.ScalarAsync<long>(
            $"select count(*) from eventstore.events where stream_id = 'tijdvak-{tijdvak:D}' and event_type = 'toekenning-geboekt.v1'"));
        var budget = await _d.TijdvakBudgetAsync(tijdvak);
        Assert.Equal(11_520m, budget.GetProperty("toegekend").GetDecimal());
        Assert.Equal(0m, budget.GetProperty("beslag").GetDecimal());
        var detail = await _d.AanvraagAsync(aanvraag);
        Assert.Equal(11_520m, detail.GetProperty("toegekendBedrag").GetDecimal());
        Assert.Single(detail.GetProperty("besluiten").EnumerateArray());
        foreach (var c in clients)
        {
            c.Dispose();
        }
    }

    [Fact]
    public async Task Gelijktijdige_toekenningen_van_een_aanvraag_die_nog_een_plaats_moet_krijgen_plaatsen_en_kennen_haar_een_keer_toe()
    {
        // Nobody has settled the day yet: every contender settles it too, and still only one wins.
        var (tijdvak, aanvraag) = await _d.GeplaatsteAanvraagAsync(plafond: 100_000m);
        var clients = Enumerable.Range(1, 20).Select(i => api.Als("behandelaar", $"behandelaar-{i}", uitvoerder: "DUS-I")).ToList();

        var responses = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning", new { bedrag = 11_520m })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1L, await api.ScalarAsync<long>(
            $"select count(*) from eventstore.events where stream_id = 'aanvraag-{aanvraag:D}' and event_type = 'aanvraag-plaats-toegewezen.v1'"));
        Assert.Equal(1L, await api.ScalarAsync<long>(
            $"select count(*) from eventstore.events where stream_id = 'aanvraag-{aanvraag:D}' and event_type = 'aanvraag-toegekend.v1'"));
        Assert.Equal(11_520m, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());
        var codes = new List<string?>();
        foreach (var r in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            codes.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        Assert.All(codes, c => Assert.Equal("ongeldige-overgang", c));
        foreach (var c in clients)
        {
            c.Dispose();
        }
    }
}
