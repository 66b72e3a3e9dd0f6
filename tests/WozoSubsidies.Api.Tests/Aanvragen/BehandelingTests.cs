using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WozoSubsidies.Api.Tests.Aanvragen;

public sealed class BehandelingTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Scenario _s = new(api);

    [Fact]
    public async Task Each_role_sees_only_what_it_may_and_others_get_404_not_403()
    {
        var tijdvak = await _s.OpenTijdvakAsync(100_000m);
        var id = (await _s.DienInAsync("50000001", tijdvakId: tijdvak)).GetProperty("id").GetGuid();
        var pad = $"/api/aanvragen/{id}";

        Assert.Equal(HttpStatusCode.OK, (await _s.Aanvrager("50000001").GetAsync(pad)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _s.Behandelaar("DUS-I").GetAsync(pad)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.As("auditor").GetAsync(pad)).StatusCode);
        await (await _s.Aanvrager("50000002").GetAsync(pad)).AssertProblemAsync(404, "niet-gevonden");
        await (await _s.Behandelaar("RVO").GetAsync(pad)).AssertProblemAsync(404, "niet-gevonden");
        await (await _s.Aanvrager("50000002").GetAsync(pad + "/historie")).AssertProblemAsync(404, "niet-gevonden");
        await (await _s.Beheerder.GetAsync(pad)).AssertProblemAsync(403, "geen-toegang");
        await (await _s.Aanvrager("50000001").GetAsync($"/api/aanvragen/{Guid.NewGuid()}")).AssertProblemAsync(404, "niet-gevonden");
    }

    [Fact]
    public async Task The_list_is_scoped_to_the_caller_filtered_paged_and_sorted_by_receipt()
    {
        var tijdvak = await _s.OpenTijdvakAsync(1_000_000m);
        var mijn = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            mijn.Add((await _s.DienInAsync("51000001", tijdvakId: tijdvak)).GetProperty("id").GetGuid());
        }
        await _s.DienInAsync("51000002", tijdvakId: tijdvak);

        var eigen = await _s.Aanvrager("51000001").GetFromJsonAsync<JsonElement>($"/api/aanvragen?tijdvakId={tijdvak}&paginaGrootte=2");
        Assert.Equal(3, eigen.GetProperty("totaal").GetInt64());
        Assert.Equal(mijn.Take(2), eigen.GetProperty("aanvragen").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
        var pagina2 = await _s.Aanvrager("51000001").GetFromJsonAsync<JsonElement>($"/api/aanvragen?tijdvakId={tijdvak}&paginaGrootte=2&pagina=2");
        Assert.Equal([mijn[2]], pagina2.GetProperty("aanvragen").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));

        var dusi = await _s.Behandelaar("DUS-I").GetFromJsonAsync<JsonElement>($"/api/aanvragen?tijdvakId={tijdvak}&status=Ingediend");
        Assert.Equal(4, dusi.GetProperty("totaal").GetInt64());
        var rvo = await _s.Behandelaar("RVO").GetFromJsonAsync<JsonElement>($"/api/aanvragen?tijdvakId={tijdvak}");
        Assert.Equal(0, rvo.GetProperty("totaal").GetInt64());

        await (await _s.Behandelaar().GetAsync("/api/aanvragen?paginaGrootte=501")).AssertProblemAsync(400, "validatie");
        await (await _s.Behandelaar().GetAsync("/api/aanvragen?status=Verzonnen")).AssertProblemAsync(400, "validatie");
    }

    [Fact]
    public async Task Withdrawing_is_the_aanvragers_own_act_checks_if_match_and_a_retry_changes_nothing()
    {
        var tijdvak = await _s.OpenTijdvakAsync(100_000m);
        var id = (await _s.DienInAsync("52000001", tijdvakId: tijdvak)).GetProperty("id").GetGuid();
        var pad = $"/api/aanvragen/{id}/intrekken";

        await (await _s.Behandelaar().PostAsJsonAsync(pad, new { })).AssertProblemAsync(403, "geen-toegang");
        await (await _s.Aanvrager("52000002").PostAsJsonAsync(pad, new { })).AssertProblemAsync(404, "niet-gevonden");

        using var stale = new HttpRequestMessage(HttpMethod.Post, pad) { Content = JsonContent.Create(new { }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"7\"");
        await (await _s.Aanvrager("52000001").SendAsync(stale)).AssertProblemAsync(412, "versie-conflict");

        using var fresh = new HttpRequestMessage(HttpMethod.Post, pad) { Content = JsonContent.Create(new { toelichting = "geen woonvorm meer" }) };
        fresh.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var ok = await _s.Aanvrager("52000001").SendAsync(fresh);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("\"2\"", ok.Headers.ETag!.Tag);
        Assert.Equal("Ingetrokken", (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        // A repeated withdrawal (a client retrying) changes nothing and answers with the same state.
        var nogmaals = await _s.Aanvrager("52000001").PostAsJsonAsync(pad, new { });
        Assert.Equal(HttpStatusCode.OK, nogmaals.StatusCode);
        Assert.Equal("\"2\"", nogmaals.Headers.ETag!.Tag);
        Assert.Equal(2, await api.ScalarAsync<long>($"select count(*) from eventstore.events where stream_id = 'aanvraag-{id:D}'"));
        var lijst = await _s.Behandelaar().GetFromJsonAsync<JsonElement>($"/api/aanvragen?tijdvakId={tijdvak}&status=Ingetrokken");
        Assert.Equal(1, lijst.GetProperty("totaal").GetInt64());
    }

    [Fact]
    public async Task An_aanvulling_suspends_the_term_and_the_aanvraag_waits_for_a_place_again_when_it_arrives()
    {
        var tijdvak = await _s.OpenTijdvakAsync(100_000m);
        var id = (await _s.DienInAsync("53000001", tijdvakId: tijdvak)).GetProperty("id").GetGuid();

        await (await _s.Aanvrager("53000001").PostAsJsonAsync($"/api/aanvragen/{id}/aanvullingsverzoek", new { omschrijving = "x" }))
            .AssertProblemAsync(403, "geen-toegang");
        var validatie = await _s.Behandelaar().PostAsJsonAsync($"/api/aanvragen/{id}/aanvullingsverzoek", new { omschrijving = "", termijnDagen = 0 });
        var fouten = (await validatie.AssertProblemAsync(400, "validatie")).GetProperty("errors");
        Assert.True(fouten.TryGetProperty("omschrijving", out _));
        Assert.True(fouten.TryGetProperty("termijnDagen", out _));

        var gevraagd = await _s.Behandelaar().PostAsJsonAsync($"/api/aanvragen/{id}/aanvullingsverzoek",
            new { omschrijving = "De huurovereenkomsten van de jongeren ontbreken.", termijnDagen = 14 });
        var detail = await gevraagd.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("AanvullingGevraagd", detail.GetProperty("status").GetString());
        Assert.Equal("Opgeschort", detail.GetProperty("beslistermijnStatus").GetString());
        Assert.Equal(Scenario.Vandaag.AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            detail.GetProperty("aanvulling").GetProperty("uiterlijk").GetString());

        var aangevuld = await _s.Aanvrager("53000001").PostAsJsonAsync($"/api/aanvragen/{id}/aanvulling", new { toelichting = "Bijgevoegd." });
        var na = await aangevuld.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Ingediend", na.GetProperty("status").GetString());
        Assert.Contains("na afloop van die dag", na.GetProperty("plaatsing").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Time_travel_shows_an_aanvraag_before_and_after_a_change_and_the_historie_says_who_did_what()
    {
        var tijdvak = await _s.OpenTijdvakAsync(100_000m);
        var id = (await _s.DienInAsync("54000001", tijdvakId: tijdvak)).GetProperty("id").GetGuid();
        var voor = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await _s.Aanvrager("54000001").PostAsJsonAsync($"/api/aanvragen/{id}/intrekken", new { });

        var auditor = api.As("auditor");
        Assert.Equal("Ingediend", (await auditor.GetFromJsonAsync<JsonElement>($"/api/aanvragen/{id}?versie=1")).GetProperty("status").GetString());
        Assert.Equal("Ingediend", (await auditor.GetFromJsonAsync<JsonElement>($"/api/aanvragen/{id}?asOf={Uri.EscapeDataString(voor.ToString("O"))}")).GetProperty("status").GetString());
        Assert.Equal("Ingetrokken", (await auditor.GetFromJsonAsync<JsonElement>($"/api/aanvragen/{id}")).GetProperty("status").GetString());
        await (await auditor.GetAsync($"/api/aanvragen/{id}?asOf=2001-01-01T00:00:00Z")).AssertProblemAsync(404, "niet-gevonden");
        await (await auditor.GetAsync($"/api/aanvragen/{id}?versie=0")).AssertProblemAsync(400, "validatie");

        var historie = await auditor.GetFromJsonAsync<JsonElement>($"/api/aanvragen/{id}/historie");
        var regels = historie.EnumerateArray().ToList();
        Assert.Equal(["aanvraag-ingediend.v1", "aanvraag-ingetrokken.v1"], regels.Select(r => r.GetProperty("type").GetString()));
        Assert.Equal("medewerker-54000001", regels[1].GetProperty("door").GetString());
        Assert.Equal("aanvrager", regels[1].GetProperty("rol").GetString());
        Assert.StartsWith("Aanvraag ingediend voor IWO", regels[0].GetProperty("omschrijving").GetString(), StringComparison.Ordinal);
        Assert.Equal("1", regels[0].GetProperty("regelsVersie").GetString());
    }
}
