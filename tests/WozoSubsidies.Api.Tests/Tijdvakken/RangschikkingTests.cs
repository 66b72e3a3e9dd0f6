using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WozoSubsidies.Api.Tests.Tijdvakken;

/// <summary>Issue 5: a tender tijdvak (Reablement from the catalogue, verdeelmethode Rangschikking) through the API, from
/// submission to toekenning: at closing, once all are assessed, granted in score order until the plafond (ties: the
/// earlier receipt); the rest refused with plafond-bereikt. Each test plans its own ronde (the programme total is €3.2m).</summary>
public sealed class RangschikkingTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Scenario _s = new(api);
    private readonly HttpClient _zonMw = api.As("behandelaar", "behandelaar-zonmw", uitvoerder: "ZonMw");

    private async Task<Guid> DienInAsync(Guid tijdvak, string org, decimal begroting)
    {
        var response = await _s.Aanvrager(org).PostAsJsonAsync("/api/aanvragen", new
        {
            regeling = "REABLEMENT",
            tijdvakId = tijdvak,
            aanvrager = new { kvkNummer = org, naam = $"Thuiszorg {org}", type = "zorgaanbieder" },
            gegevens = new { projectbegroting = begroting, looptijdMaanden = 12, deelnameLeertraject = true },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<JsonElement> BeoordeelAsync(Guid aanvraag, int? score, string advies = "Positief")
    {
        var response = await _zonMw.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/beoordeling", new { advies, score, toelichting = "Getoetst aan de criteria." });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> KenToeAsync(Guid aanvraag, decimal bedrag) =>
        _zonMw.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning", new { bedrag });

    private static decimal Budget(JsonElement tijdvak, string veld) => tijdvak.GetProperty("budget").GetProperty(veld).GetDecimal();

    private async Task<int> RangschikkingenAsync(Guid tijdvak) =>
        (await api.As("auditor").GetFromJsonAsync<JsonElement>($"/api/audit/streams/tijdvak-{tijdvak:D}"))
            .EnumerateArray().Count(e => e.GetProperty("type").GetString() == "gerangschikt.v1");

    [Fact]
    public async Task At_closing_a_tender_grants_in_score_order_until_the_plafond_ties_go_to_the_earlier_receipt_and_the_rest_is_refused()
    {
        var tijdvak = await _s.OpenTijdvakAsync(200_000m, regeling: "REABLEMENT");
        var a = await DienInAsync(tijdvak, "30000001", 100_000m);
        var b = await DienInAsync(tijdvak, "30000002", 90_000m);
        var c = await DienInAsync(tijdvak, "30000003", 100_000m); // the same score as a, received after it
        var d = await DienInAsync(tijdvak, "30000004", 5_000m);   // fits in what is left, but may not pass c
        var e = await DienInAsync(tijdvak, "30000005", 40_000m);
        Assert.Contains("rangschikking", (await _s.AanvraagAsync(a)).GetProperty("plaatsing").GetString(), StringComparison.Ordinal);

        await (await KenToeAsync(a, 100_000m)).AssertProblemAsync(409, "geen-plaats");
        await BeoordeelAsync(b, 90);
        await BeoordeelAsync(c, 80);
        await BeoordeelAsync(a, 80);
        await BeoordeelAsync(d, 70);
        await BeoordeelAsync(e, 30, "Negatief");

        var gesloten = await _s.SluitAsync(tijdvak);

        Assert.Equal("Gesloten", gesloten.GetProperty("status").GetString());
        Assert.Equal(190_000m, Budget(gesloten, "beslag"));
        Assert.Equal(10_000m, Budget(gesloten, "beschikbaar"));
        Assert.Equal(100_000m, (await _s.AanvraagAsync(a)).GetProperty("beslag").GetDecimal());
        Assert.Equal(90_000m, (await _s.AanvraagAsync(b)).GetProperty("beslag").GetDecimal());
        foreach (var geweigerd in new[] { c, d })
        {
            var aanvraag = await _s.AanvraagAsync(geweigerd);
            Assert.Equal("Afgewezen", aanvraag.GetProperty("status").GetString());
            Assert.Equal("plafond-bereikt", aanvraag.GetProperty("besluiten")[0].GetProperty("reden").GetString());
        }
        // A negative advice is not ranked: the behandelaar refuses it on its merits.
        var negatief = await _s.AanvraagAsync(e);
        Assert.Equal("InBehandeling", negatief.GetProperty("status").GetString());
        Assert.Equal(0m, negatief.GetProperty("beslag").GetDecimal());

        var events = await api.As("auditor").GetFromJsonAsync<JsonElement>($"/api/audit/streams/tijdvak-{tijdvak:D}");
        var rangorde = events.EnumerateArray().Single(x => x.GetProperty("type").GetString() == "gerangschikt.v1")
            .GetProperty("data").GetProperty("rangorde").EnumerateArray().Select(r => r.GetProperty("aanvraagId").GetGuid());
        Assert.Equal([b, a, c, d], rangorde);

        Assert.Equal(HttpStatusCode.OK, (await KenToeAsync(a, 100_000m)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await KenToeAsync(b, 85_000m)).StatusCode);
        var na = await _s.TijdvakAsync(tijdvak);
        Assert.Equal(185_000m, Budget(na, "toegekend"));
        Assert.Equal(0m, Budget(na, "beslag"));
        Assert.Equal("Toegekend", (await _s.AanvraagAsync(a)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_tender_closed_before_all_are_assessed_ranks_when_the_last_one_is_assessed()
    {
        var tijdvak = await _s.OpenTijdvakAsync(200_000m, regeling: "REABLEMENT");
        var a = await DienInAsync(tijdvak, "30000011", 100_000m);
        var b = await DienInAsync(tijdvak, "30000012", 50_000m);
        await BeoordeelAsync(a, 60);

        var gesloten = await _s.SluitAsync(tijdvak);
        Assert.Equal("Gesloten", gesloten.GetProperty("status").GetString());
        Assert.Equal(0m, Budget(gesloten, "beslag"));
        await (await KenToeAsync(a, 100_000m)).AssertProblemAsync(409, "geen-plaats");

        var laatste = await BeoordeelAsync(b, 75);

        Assert.Equal(50_000m, laatste.GetProperty("beslag").GetDecimal());
        Assert.Equal(150_000m, Budget(await _s.TijdvakAsync(tijdvak), "beslag"));
        Assert.Equal(100_000m, (await _s.AanvraagAsync(a)).GetProperty("beslag").GetDecimal());
        // Closing again changes nothing: it was ranked once.
        Assert.Equal(150_000m, Budget(await _s.SluitAsync(tijdvak), "beslag"));
        Assert.Equal(1, await RangschikkingenAsync(tijdvak));
    }

    [Fact]
    public async Task Two_behandelaars_assessing_the_last_two_aanvragen_at_once_rank_the_tender_exactly_once()
    {
        var tijdvak = await _s.OpenTijdvakAsync(200_000m, regeling: "REABLEMENT");
        var a = await DienInAsync(tijdvak, "30000021", 50_000m);
        var b = await DienInAsync(tijdvak, "30000022", 50_000m);
        var c = await DienInAsync(tijdvak, "30000023", 50_000m);
        await BeoordeelAsync(a, 50);
        await _s.SluitAsync(tijdvak);

        var tweede = api.As("behandelaar", "behandelaar-zonmw-2", uitvoerder: "ZonMw");
        var antwoorden = await Task.WhenAll(
            _zonMw.PostAsJsonAsync($"/api/aanvragen/{b}/beoordeling", new { advies = "Positief", score = 60 }),
            tweede.PostAsJsonAsync($"/api/aanvragen/{c}/beoordeling", new { advies = "Positief", score = 70 }));

        Assert.All(antwoorden, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(150_000m, Budget(await _s.TijdvakAsync(tijdvak), "beslag"));
        Assert.Equal(1, await RangschikkingenAsync(tijdvak));
        foreach (var id in new[] { a, b, c })
        {
            Assert.Equal(50_000m, (await _s.AanvraagAsync(id)).GetProperty("beslag").GetDecimal());
        }
    }

    [Fact]
    public async Task A_ronde_by_invitation_takes_aanvragen_only_from_the_invited_zorgaanbieders()
    {
        // Reablement ronde 1 was by invitation only (001:535): the tijdvak's uitnodigingen decide who may apply.
        var tijdvak = await _s.OpenTijdvakAsync(100_000m, regeling: "REABLEMENT", extra: new { uitnodigingen = new[] { "30000041" } });
        await DienInAsync(tijdvak, "30000041", 50_000m);

        var response = await _s.Aanvrager("30000042").PostAsJsonAsync("/api/aanvragen", new
        {
            regeling = "REABLEMENT",
            tijdvakId = tijdvak,
            aanvrager = new { kvkNummer = "30000042", naam = "Thuiszorg 30000042", type = "zorgaanbieder" },
            gegevens = new { projectbegroting = 50_000m, looptijdMaanden = 12, deelnameLeertraject = true },
        });

        await response.AssertProblemAsync(403, "niet-uitgenodigd");
        Assert.Equal(1, await api.ScalarAsync<long>($"select count(*) from api.aanvragen where tijdvak_id = '{tijdvak}'"));
    }

    [Fact]
    public async Task A_positive_beoordeling_in_a_tender_without_a_score_is_refused()
    {
        var tijdvak = await _s.OpenTijdvakAsync(100_000m, regeling: "REABLEMENT");
        var a = await DienInAsync(tijdvak, "30000031", 50_000m);

        var response = await _zonMw.PostAsJsonAsync($"/api/aanvragen/{a}/beoordeling", new { advies = "Positief" });

        await response.AssertProblemAsync(409, "score-verplicht");
        Assert.False((await _s.AanvraagAsync(a)).TryGetProperty("beoordeling", out var beoordeling) && beoordeling.ValueKind != JsonValueKind.Null);
    }
}
