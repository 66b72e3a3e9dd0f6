using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WozoSubsidies.Api.Tests.Aanvragen;

public sealed class IndienenTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Scenario _s = new(api);

    [Fact]
    public async Task An_iwo_aanvraag_is_received_with_its_computed_amount_and_waits_for_the_days_settlement()
    {
        var tijdvak = await _s.OpenTijdvakAsync(500_000m);
        var response = await _s.Aanvrager("10000001").PostAsJsonAsync("/api/aanvragen",
            Scenario.Indiening("10000001", Scenario.IwoGegevens(jongeren: 10, huurkorting: 200m, uren: 4m, maanden: 12), tijdvak));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(57_600m, body.GetProperty("aangevraagdBedrag").GetDecimal()); // the seed fact: 10 × (200 + 4 × 70) × 12
        Assert.Equal("Ingediend", body.GetProperty("status").GetString());
        Assert.Equal($"/api/aanvragen/{body.GetProperty("id").GetGuid()}", response.Headers.Location!.OriginalString);

        var detail = await _s.AanvraagAsync(body.GetProperty("id").GetGuid());
        Assert.Equal(0m, detail.GetProperty("beslag").GetDecimal());
        Assert.Contains("na afloop van die dag", detail.GetProperty("plaatsing").GetString(), StringComparison.Ordinal);
        Assert.Equal("Binnen", detail.GetProperty("beslistermijnStatus").GetString());
        // Submission does not touch the tijdvak: its budget is claimed when the day is settled.
        Assert.Equal(0m, (await _s.TijdvakAsync(tijdvak)).GetProperty("budget").GetProperty("beslag").GetDecimal());
    }

    [Fact]
    public async Task Without_a_tijdvak_id_the_open_tijdvak_of_the_regeling_is_used()
    {
        var tijdvak = await _s.OpenTijdvakAsync(100_000m, regeling: "IOC");
        var gegevens = new JsonObject
        {
            ["sector"] = "sociaal domein", ["innovatietype"] = "telemonitoring", ["coachkosten"] = 9_680m, ["looptijdMaanden"] = 5,
        };
        var response = await _s.Aanvrager("10000002").PostAsJsonAsync("/api/aanvragen", new
        {
            regeling = "IOC",
            aanvrager = new { kvkNummer = "10000002", naam = "Zorggroep", type = "zorgaanbieder" },
            gegevens,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(tijdvak, (await _s.AanvraagAsync(id)).GetProperty("tijdvakId").GetGuid());
    }

    [Fact]
    public async Task Gegevens_that_break_the_rules_are_a_422_listing_every_violated_rule_and_store_nothing()
    {
        var tijdvak = await _s.OpenTijdvakAsync(500_000m);
        var gegevens = Scenario.IwoGegevens(jongeren: 11, huurkorting: 180m);
        gegevens["woonvorm"]!["aantalWoningen"] = 3;
        var response = await _s.Aanvrager("10000003").PostAsJsonAsync("/api/aanvragen", Scenario.Indiening("10000003", gegevens, tijdvak));

        // The problem's code is the first violated rule; every one of them is listed.
        var problem = await response.AssertProblemAsync(422, "iwo-minimaal-woningen");
        var codes = problem.GetProperty("overtredingen").EnumerateArray().Select(o => o.GetProperty("code").GetString()).ToList();
        Assert.Contains("iwo-aantal-jongeren", codes);
        Assert.Contains("iwo-minimaal-woningen", codes);
        Assert.Contains("iwo-huurkorting-tarief", codes);
        Assert.All(problem.GetProperty("overtredingen").EnumerateArray(), o => Assert.False(string.IsNullOrEmpty(o.GetProperty("melding").GetString())));
        Assert.Equal(0, await api.ScalarAsync<long>("select count(*) from api.aanvragen where aanvrager_kvk = '10000003'"));
    }

    [Fact]
    public async Task A_malformed_submission_lists_every_bad_field()
    {
        var response = await _s.Aanvrager("10000004").PostAsJsonAsync("/api/aanvragen", new
        {
            regeling = "NEP",
            aanvrager = new { kvkNummer = "12AB", naam = "", type = "" },
            gegevens = "tekst",
        });
        var problem = await response.AssertProblemAsync(400, "validatie");
        var velden = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "regeling", "aanvrager.kvkNummer", "aanvrager.naam", "aanvrager.type", "gegevens" }, velden);
    }

    [Theory]
    [InlineData("{\"regeling\":\"IWO\",\"aanvrager\":{\"kvkNummer\":\"10000005\",\"naam\":\"x\",\"type\":\"woningcorporatie\"},\"gegevens\":{\"woonvorm\":12}}")]
    [InlineData("{\"regeling\":\"IWO\",\"aanvrager\":{\"kvkNummer\":\"10000005\",\"naam\":\"x\",\"type\":\"woningcorporatie\"},\"gegevens\":{\"jongeren\":[{\"huurkortingPerMaand\":-1e30}]}}")]
    [InlineData("{\"regeling\":\"IWO\",\"tijdvakId\":\"niet-een-guid\",\"aanvrager\":{\"kvkNummer\":\"10000005\",\"naam\":\"x\",\"type\":\"t\"},\"gegevens\":{}}")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    public async Task Wrong_types_and_absurd_values_in_a_submission_are_400_never_500(string json)
    {
        await _s.OpenTijdvakAsync(10_000m);
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await _s.Aanvrager("10000005").PostAsync("/api/aanvragen", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await api.ScalarAsync<long>("select count(*) from api.aanvragen where aanvrager_kvk = '10000005'"));
    }

    [Fact]
    public async Task Only_an_aanvrager_of_the_organisation_itself_may_submit()
    {
        var tijdvak = await _s.OpenTijdvakAsync(10_000m);
        var body = Scenario.Indiening("10000006", Scenario.IwoGegevens(), tijdvak);
        await (await _s.Aanvrager("99999999").PostAsJsonAsync("/api/aanvragen", body)).AssertProblemAsync(403, "geen-toegang");
        await (await _s.Behandelaar().PostAsJsonAsync("/api/aanvragen", body)).AssertProblemAsync(403, "geen-toegang");
        await (await api.As("auditor").PostAsJsonAsync("/api/aanvragen", body)).AssertProblemAsync(403, "geen-toegang");
        await (await api.Anonymous().PostAsJsonAsync("/api/aanvragen", body)).AssertProblemAsync(401, "niet-geauthenticeerd");
    }

    [Fact]
    public async Task A_regeling_without_an_open_tijdvak_refuses_submissions()
    {
        // SZGW's catalogue tranches are closed or have no plafond yet.
        var response = await _s.Aanvrager("10000007").PostAsJsonAsync("/api/aanvragen", new
        {
            regeling = "SZGW",
            aanvrager = new { kvkNummer = "10000007", naam = "Corporatie", type = "woningcorporatie" },
            gegevens = new { woningen = 10, nieuwbouw = true, wlzDoelgroep = true, project = new { naam = "P", gemeente = "Zwolle" } },
        });
        await response.AssertProblemAsync(409, "geen-open-tijdvak");
    }

    [Fact]
    public async Task An_invitation_only_tijdvak_refuses_organisations_that_were_not_invited()
    {
        var tijdvak = await _s.OpenTijdvakAsync(100_000m, extra: new { uitnodigingen = new[] { "10000008" } });
        await _s.DienInAsync("10000008", tijdvakId: tijdvak);
        var response = await _s.Aanvrager("10000009").PostAsJsonAsync("/api/aanvragen", Scenario.Indiening("10000009", Scenario.IwoGegevens(), tijdvak));
        await response.AssertProblemAsync(403, "niet-uitgenodigd");
    }

    [Fact]
    public async Task An_idempotency_key_retry_returns_the_first_answer_and_never_creates_a_second_aanvraag()
    {
        var tijdvak = await _s.OpenTijdvakAsync(100_000m);
        var client = _s.Aanvrager("10000010");
        async Task<HttpResponseMessage> Post(JsonObject gegevens, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/aanvragen") { Content = JsonContent.Create(Scenario.Indiening("10000010", gegevens, tijdvak)) };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request);
        }
        var gegevens = Scenario.IwoGegevens();
        var first = await Post(gegevens, "poging-1");
        var retries = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Post(gegevens, "poging-1")));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var firstBody = await first.Content.ReadAsStringAsync();
        foreach (var retry in retries)
        {
            Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
            Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        }
        Assert.Equal(1, await api.ScalarAsync<long>("select count(*) from api.aanvragen where aanvrager_kvk = '10000010'"));
        await (await Post(Scenario.IwoGegevens(jongeren: 3), "poging-1")).AssertProblemAsync(422, "idempotency-key-hergebruikt");
    }

    [Fact]
    public async Task Concurrent_first_submissions_with_one_idempotency_key_create_exactly_one_aanvraag()
    {
        var tijdvak = await _s.OpenTijdvakAsync(100_000m);
        var gegevens = Scenario.IwoGegevens();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/aanvragen") { Content = JsonContent.Create(Scenario.Indiening("10000011", gegevens, tijdvak)) };
            request.Headers.Add("Idempotency-Key", "gelijktijdig");
            var r = await _s.Aanvrager("10000011").SendAsync(request);
            return (r.StatusCode, Body: await r.Content.ReadAsStringAsync());
        }));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(responses.Select(r => r.Body).Distinct());
        Assert.Equal(1, await api.ScalarAsync<long>("select count(*) from api.aanvragen where aanvrager_kvk = '10000011'"));
    }
}
