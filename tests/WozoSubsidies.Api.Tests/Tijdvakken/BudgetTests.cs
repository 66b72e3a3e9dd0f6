using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WozoSubsidies.Api.Tests.Tijdvakken;

public sealed class BudgetTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Scenario _s = new(api);

    private static decimal Budget(JsonElement tijdvak, string veld) => tijdvak.GetProperty("budget").GetProperty(veld).GetDecimal();

    [Fact]
    public async Task Closing_settles_the_day_by_lottery_when_it_crosses_the_plafond_and_the_rest_waits_in_order()
    {
        // 5 aanvragen of €11,520 against a plafond that fits 3 of them.
        var tijdvak = await _s.OpenTijdvakAsync(3 * 11_520m + 1_000m);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await _s.DienInAsync($"2000000{i}", tijdvakId: tijdvak)).GetProperty("id").GetGuid());
        }

        var gesloten = await _s.SluitAsync(tijdvak);

        Assert.Equal("Gesloten", gesloten.GetProperty("status").GetString());
        Assert.Equal(3 * 11_520m, Budget(gesloten, "beslag"));
        Assert.Equal(1_000m, Budget(gesloten, "beschikbaar"));
        Assert.Equal(2, gesloten.GetProperty("budget").GetProperty("wachtlijst").GetInt32());
        var states = await Task.WhenAll(ids.Select(_s.AanvraagAsync));
        Assert.Equal(3, states.Count(a => a.GetProperty("beslag").GetDecimal() == 11_520m));
        Assert.Equal([1, 2], states.Where(a => a.GetProperty("status").GetString() == "OpWachtlijst")
            .Select(a => a.GetProperty("wachtlijstPositie").GetInt32()).Order());

        // The lottery is in the log with its seed and resulting order, so it can be replayed.
        var events = await api.As("auditor").GetFromJsonAsync<JsonElement>($"/api/audit/streams/tijdvak-{tijdvak:D}");
        var dag = events.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "dag-afgesloten.v1");
        var loting = dag.GetProperty("data").GetProperty("loting");
        Assert.Equal(5, loting.GetProperty("volgorde").GetArrayLength());
        Assert.True(loting.GetProperty("seed").GetInt64() >= 0);
    }

    [Fact]
    public async Task Raising_the_plafond_moves_the_wachtlijst_up_in_order_and_lowering_below_beslag_is_refused()
    {
        var tijdvak = await _s.OpenTijdvakAsync(11_520m);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await _s.DienInAsync($"3000000{i}", tijdvakId: tijdvak)).GetProperty("id").GetGuid());
        }
        var gesloten = await _s.SluitAsync(tijdvak);
        Assert.Equal(2, gesloten.GetProperty("budget").GetProperty("wachtlijst").GetInt32());
        // Absent fields are null: only wait-listed aanvragen carry a position.
        var eerste = (await Task.WhenAll(ids.Select(_s.AanvraagAsync)))
            .Single(a => a.TryGetProperty("wachtlijstPositie", out var p) && p.GetInt32() == 1).GetProperty("id").GetGuid();

        using var lager = new HttpRequestMessage(HttpMethod.Put, $"/api/tijdvakken/{tijdvak}/budgetplafond")
        { Content = JsonContent.Create(new { bedrag = 5_000m, reden = "bezuiniging" }) };
        await (await _s.Beheerder.SendAsync(lager)).AssertProblemAsync(409, "plafond-onder-beslag");

        var hoger = await _s.Beheerder.PutAsJsonAsync($"/api/tijdvakken/{tijdvak}/budgetplafond", new { bedrag = 2 * 11_520m, reden = "met terugwerkende kracht" });
        Assert.Equal(HttpStatusCode.OK, hoger.StatusCode);
        var na = await hoger.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2 * 11_520m, Budget(na, "beslag"));
        Assert.Equal(1, na.GetProperty("budget").GetProperty("wachtlijst").GetInt32());
        Assert.Equal(11_520m, (await _s.AanvraagAsync(eerste)).GetProperty("beslag").GetDecimal());
    }

    [Fact]
    public async Task A_withdrawn_aanvraag_frees_its_beslag_for_the_first_on_the_wachtlijst()
    {
        var tijdvak = await _s.OpenTijdvakAsync(11_520m);
        var a = (await _s.DienInAsync("40000001", tijdvakId: tijdvak)).GetProperty("id").GetGuid();
        var b = (await _s.DienInAsync("40000002", tijdvakId: tijdvak)).GetProperty("id").GetGuid();
        await _s.SluitAsync(tijdvak);
        var (geplaatst, wachtend, org) = (await _s.AanvraagAsync(a)).GetProperty("beslag").GetDecimal() > 0 ? (a, b, "40000001") : (b, a, "40000002");

        var ingetrokken = await _s.Aanvrager(org).PostAsJsonAsync($"/api/aanvragen/{geplaatst}/intrekken", new { toelichting = "project gaat niet door" });
        Assert.Equal(HttpStatusCode.OK, ingetrokken.StatusCode);

        Assert.Equal("Ingetrokken", (await _s.AanvraagAsync(geplaatst)).GetProperty("status").GetString());
        Assert.Equal(11_520m, (await _s.AanvraagAsync(wachtend)).GetProperty("beslag").GetDecimal());
        var budget = await _s.TijdvakAsync(tijdvak);
        Assert.Equal(11_520m, Budget(budget, "beslag"));
        Assert.Equal(0, budget.GetProperty("budget").GetProperty("wachtlijst").GetInt32());
    }

    [Fact]
    public async Task Planning_a_tijdvak_is_for_beheerders_and_checks_dates_and_amounts()
    {
        await (await _s.Behandelaar().PostAsJsonAsync("/api/regelingen/IWO/tijdvakken", new { naam = "x", opent = "2030-01-01", sluit = "2030-02-01", budgetplafond = 1m }))
            .AssertProblemAsync(403, "geen-toegang");
        var fout = await _s.Beheerder.PostAsJsonAsync("/api/regelingen/IWO/tijdvakken", new { naam = "", opent = "2030-02-01", sluit = "2030-01-01", budgetplafond = -5m });
        var problem = await fout.AssertProblemAsync(400, "validatie");
        Assert.Superset(new HashSet<string> { "naam", "sluit", "budgetplafond" }, problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet());
        await (await _s.Beheerder.PostAsJsonAsync("/api/regelingen/NEP/tijdvakken", new { naam = "x", opent = "2030-01-01", sluit = "2030-02-01" }))
            .AssertProblemAsync(404, "niet-gevonden");

        // A future tijdvak is planned, not open; it shows in the regeling's list.
        var gepland = await _s.Beheerder.PostAsJsonAsync("/api/regelingen/IWO/tijdvakken", new { naam = "Tijdvak 2031", opent = "2031-01-01", sluit = "2031-03-31", budgetplafond = 2_000_000m });
        Assert.Equal(HttpStatusCode.Created, gepland.StatusCode);
        Assert.Equal("Gepland", (await gepland.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var lijst = await _s.Behandelaar().GetFromJsonAsync<JsonElement>("/api/regelingen/IWO/tijdvakken");
        Assert.Contains(lijst.EnumerateArray(), t => t.GetProperty("naam").GetString() == "Tijdvak 2031");
    }

    [Fact]
    public async Task Szgw_tranches_may_never_exceed_the_312_million_of_the_regeling()
    {
        var response = await _s.Beheerder.PostAsJsonAsync("/api/regelingen/SZGW/tijdvakken", new
        {
            naam = "Tranche 3", opent = "2031-01-01", sluit = "2031-06-30", budgetplafond = 300_000_000m,
        });
        var problem = await response.AssertProblemAsync(409, response.StatusCode == HttpStatusCode.Conflict
            ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()!
            : "?");
        Assert.Contains("312", problem.GetProperty("detail").GetString()!.Replace(".", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unspent_budget_of_a_closed_ioc_round_raises_the_next_rounds_plafond_once()
    {
        var ronde = await _s.OpenTijdvakAsync(100_000m, regeling: "IOC", dagen: 5);
        var volgende = await _s.Beheerder.PostAsJsonAsync("/api/regelingen/IOC/tijdvakken", new { naam = "Ronde 9", opent = "2031-01-01", sluit = "2031-03-31", budgetplafond = 1_000_000m });
        var volgendeId = (await volgende.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await _s.SluitAsync(ronde);

        var eerste = await _s.Beheerder.PostAsync($"/api/tijdvakken/{ronde}/herverdeling", null);
        Assert.True(eerste.StatusCode == HttpStatusCode.OK, await eerste.Content.ReadAsStringAsync());
        Assert.Equal(100_000m, (await eerste.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verplaatst").GetDecimal());
        Assert.Equal(1_100_000m, Budget(await _s.TijdvakAsync(volgendeId), "plafond"));

        var tweede = await _s.Beheerder.PostAsync($"/api/tijdvakken/{ronde}/herverdeling", null);
        Assert.Equal(0m, (await tweede.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verplaatst").GetDecimal());
        Assert.Equal(1_100_000m, Budget(await _s.TijdvakAsync(volgendeId), "plafond"));
    }
}
