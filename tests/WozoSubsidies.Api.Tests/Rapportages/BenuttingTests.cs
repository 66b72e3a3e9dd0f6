using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using static WozoSubsidies.Api.Tests.Rapportages.RapportageFixture;

namespace WozoSubsidies.Api.Tests.Rapportages;

/// <summary>The utilisation report (issue 6, WOZO Resultaatmonitor conventions 001:756 and 001:2104), built through the API.</summary>
public sealed class BenuttingTests(RapportageFixture api) : IClassFixture<RapportageFixture>
{
    private const decimal Plafond = 3_500_000m;

    /// <summary>IWO tijdvak 1 as the monitor reports it: 8 aanvragen granted against a plafond of €3.5m, about 26%;
    /// besides them here one refused, one withdrawn and one still pending.</summary>
    private async Task<Guid> IwoTijdvak1Async()
    {
        var tijdvak = await api.TijdvakAsync(Plafond, $"Tijdvak 1 {Guid.NewGuid():N}"[..16]);
        var aanvragen = new List<Guid>();
        for (var i = 0; i < 11; i++)
        {
            aanvragen.Add(await api.DienInAsync(tijdvak, $"1000{i:D4}"));
        }
        api.Klok.Verzet(TimeSpan.FromDays(1)); // the day of receipt is over: the next decision places them
        foreach (var aanvraag in aanvragen.Take(8))
        {
            await api.KenToeAsync(aanvraag, PerAanvraag);
        }
        await api.WijsAfAsync(aanvragen[8]);
        await api.TrekInAsync(aanvragen[9], "10000009");
        return tijdvak;
    }

    private static JsonElement Tijdvak(JsonElement rapport, Guid id) =>
        rapport.GetProperty("tijdvakken").EnumerateArray().Single(t => t.GetProperty("tijdvakId").GetGuid() == id);

    [Fact]
    public async Task Het_rapport_van_IWO_tijdvak_1_toont_acht_toekenningen_en_ongeveer_26_procent_benutting()
    {
        var id = await IwoTijdvak1Async();

        var rapport = await api.BenuttingBijgewerktAsync();

        var t = Tijdvak(rapport, id);
        Assert.Equal(Plafond, t.GetProperty("plafond").GetDecimal());
        Assert.Equal(8, t.GetProperty("toegekend").GetProperty("aantal").GetInt32());
        Assert.Equal(8 * PerAanvraag, t.GetProperty("toegekend").GetProperty("toegekendBedrag").GetDecimal()); // €921,600
        Assert.Equal(26.3m, t.GetProperty("benuttingPercentage").GetDecimal());
        Assert.Equal(1, t.GetProperty("afgewezen").GetProperty("aantal").GetInt32());
        Assert.Equal(1, t.GetProperty("inBehandeling").GetProperty("aantal").GetInt32());
        Assert.Equal(1, t.GetProperty("ingetrokken").GetProperty("aantal").GetInt32());
        Assert.Equal(PerAanvraag, t.GetProperty("ingetrokken").GetProperty("aangevraagdBedrag").GetDecimal());
        Assert.Equal(api.Klok.Vandaag.Year, t.GetProperty("jaar").GetInt32());
    }

    [Fact]
    public async Task Aangevraagd_is_per_tijdvak_precies_toegekend_plus_in_behandeling_plus_afgewezen_plus_ingetrokken()
    {
        await IwoTijdvak1Async();

        var rapport = await api.BenuttingBijgewerktAsync();

        Assert.NotEmpty(rapport.GetProperty("tijdvakken").EnumerateArray());
        foreach (var t in rapport.GetProperty("tijdvakken").EnumerateArray())
        {
            var delen = new[] { "toegekend", "inBehandeling", "afgewezen", "ingetrokken" }.Select(c => t.GetProperty(c)).ToList();
            Assert.Equal(t.GetProperty("aangevraagd").GetProperty("aantal").GetInt32(), delen.Sum(d => d.GetProperty("aantal").GetInt32()));
            Assert.Equal(t.GetProperty("aangevraagd").GetProperty("aangevraagdBedrag").GetDecimal(),
                delen.Sum(d => d.GetProperty("aangevraagdBedrag").GetDecimal()));
        }
    }

    [Fact]
    public async Task Een_ingetrokken_aanvraag_staat_in_haar_eigen_kolom_en_telt_niet_mee_in_de_benutting()
    {
        var tijdvak = await api.TijdvakAsync(1_000_000m);
        var toegekend = await api.DienInAsync(tijdvak, "20000001");
        var ingetrokken = await api.DienInAsync(tijdvak, "20000002");
        api.Klok.Verzet(TimeSpan.FromDays(1));
        await api.KenToeAsync(toegekend, PerAanvraag);
        var voor = Tijdvak(await api.BenuttingBijgewerktAsync(), tijdvak);
        Assert.Equal(2, voor.GetProperty("inBehandeling").GetProperty("aantal").GetInt32() + voor.GetProperty("toegekend").GetProperty("aantal").GetInt32());

        await api.TrekInAsync(ingetrokken, "20000002");

        var na = Tijdvak(await api.BenuttingBijgewerktAsync(), tijdvak);
        Assert.Equal(1, na.GetProperty("ingetrokken").GetProperty("aantal").GetInt32());
        Assert.Equal(0, na.GetProperty("inBehandeling").GetProperty("aantal").GetInt32());
        Assert.Equal(11.5m, na.GetProperty("benuttingPercentage").GetDecimal()); // 115,200 of 1,000,000
        Assert.Equal(11.5m, na.GetProperty("benuttingInclusiefInBehandelingPercentage").GetDecimal());
        Assert.Equal(23.0m, voor.GetProperty("benuttingInclusiefInBehandelingPercentage").GetDecimal());
        Assert.Equal(2, na.GetProperty("aangevraagd").GetProperty("aantal").GetInt32());
    }

    [Fact]
    public async Task Als_CSV_heeft_het_rapport_een_kop_en_per_tijdvak_een_regel_met_dezelfde_cijfers()
    {
        var id = await IwoTijdvak1Async();
        await api.BenuttingBijgewerktAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/rapportages/benutting?regeling=IWO");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        var response = await api.Behandelaar.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var regels = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var kop = regels[0].Split(',');
        Assert.All(regels, r => Assert.Equal(kop.Length, r.Split(',').Length));
        var rij = regels.Skip(1).Select(r => r.Split(',')).Single(v => v[Array.IndexOf(kop, "tijdvak_id")] == id.ToString());
        string Veld(string naam) => rij[Array.IndexOf(kop, naam)];
        Assert.Equal("IWO", Veld("regeling"));
        Assert.Equal(Plafond, decimal.Parse(Veld("plafond"), CultureInfo.InvariantCulture));
        Assert.Equal("8", Veld("toegekend_aantal"));
        Assert.Equal("26.3", Veld("benutting_procent"));
        Assert.Equal("1", Veld("ingetrokken_aantal"));
        Assert.Equal("11", Veld("aangevraagd_aantal"));
        Assert.True(response.Headers.Contains("X-Projectie-Positie"));
    }

    [Fact]
    public async Task De_grafiek_is_geldige_SVG_met_per_tijdvak_een_staaf_voor_plafond_en_toegekend_en_leesbare_bedragen()
    {
        var id = await IwoTijdvak1Async();
        var rapport = await api.BenuttingBijgewerktAsync();
        var naam = Tijdvak(rapport, id).GetProperty("naam").GetString()!;

        var response = await api.Beheerder.GetAsync("/api/rapportages/benutting.svg?regeling=IWO");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Name);
        var teksten = svg.Descendants(ns + "text").Select(t => t.Value).ToList();
        Assert.Contains(naam, teksten);
        Assert.Contains("€ 3.500.000", teksten);
        Assert.Contains("€ 921.600", teksten);
        Assert.Contains("26,3%", teksten);
        Assert.Contains(teksten, t => t.StartsWith("Benutting IWO", StringComparison.Ordinal));
        var staven = svg.Descendants(ns + "rect").Where(r => r.Element(ns + "title") is not null).ToList();
        Assert.Equal(2 * rapport.GetProperty("tijdvakken").GetArrayLength(), staven.Count);
    }

    [Fact]
    public async Task Behandelaar_auditor_en_beheerder_lezen_het_rapport_een_aanvrager_niet_en_fouten_zijn_problems()
    {
        await api.RegelingAsync();
        foreach (var client in new[] { api.Behandelaar, api.Auditor, api.Beheerder })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/rapportages/benutting?regeling=IWO")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/rapportages/benutting.svg?regeling=IWO")).StatusCode);
        }
        await (await api.Aanvrager("30000001").GetAsync("/api/rapportages/benutting?regeling=IWO")).AssertProblemAsync(403, "geen-toegang");
        await (await api.Aanvrager("30000001").GetAsync("/api/rapportages/benutting.svg?regeling=IWO")).AssertProblemAsync(403, "geen-toegang");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.MetKlok.CreateClient().GetAsync("/api/rapportages/benutting?regeling=IWO")).StatusCode);
        await (await api.Auditor.GetAsync("/api/rapportages/benutting")).AssertProblemAsync(400, "validatie");
        await (await api.Auditor.GetAsync("/api/rapportages/benutting?regeling=IWO&jaar=1800")).AssertProblemAsync(400, "validatie");
        await (await api.Auditor.GetAsync("/api/rapportages/benutting?regeling=IWO&jaar=abc")).AssertProblemAsync(400, "ongeldig-verzoek");
        await (await api.Auditor.GetAsync("/api/rapportages/benutting.svg?regeling=BESTAATNIET")).AssertProblemAsync(404, "niet-gevonden");
    }

    [Fact]
    public async Task Het_rapport_per_jaar_toont_alleen_de_tijdvakken_die_in_dat_jaar_openen()
    {
        var id = await IwoTijdvak1Async();
        var jaar = api.Klok.Vandaag.Year;

        var ditJaar = await api.BenuttingBijgewerktAsync($"regeling=IWO&jaar={jaar}");
        var anderJaar = await api.Auditor.GetFromJsonAsync<JsonElement>($"/api/rapportages/benutting?regeling=IWO&jaar={jaar - 2}");

        Assert.Contains(ditJaar.GetProperty("tijdvakken").EnumerateArray(), t => t.GetProperty("tijdvakId").GetGuid() == id);
        Assert.All(ditJaar.GetProperty("tijdvakken").EnumerateArray(), t => Assert.Equal(jaar, t.GetProperty("jaar").GetInt32()));
        Assert.Empty(anderJaar.GetProperty("tijdvakken").EnumerateArray());
    }

    [Fact]
    public async Task Een_gewijzigd_budgetplafond_staat_in_het_rapport_met_de_naam_en_de_toekenning_van_het_tijdvak()
    {
        var naam = $"Plafond {Guid.NewGuid():N}"[..16];
        var id = await api.TijdvakAsync(1_000_000m, naam);
        var aanvraag = await api.DienInAsync(id, "71000001");
        api.Klok.Verzet(TimeSpan.FromDays(1)); // the day of receipt is over: the toekenning places it first
        await api.KenToeAsync(aanvraag, 100_000m);
        var gewijzigd = await api.Beheerder.PutAsJsonAsync($"/api/tijdvakken/{id}/budgetplafond",
            new { bedrag = 1_500_000m, reden = "extra middelen" });
        Assert.Equal(HttpStatusCode.OK, gewijzigd.StatusCode);

        var t = Tijdvak(await api.BenuttingBijgewerktAsync(), id);

        // The plafond of budgetplafond-gewijzigd.v1 (plafondNa, not plafondVoor) replaces the planned one.
        Assert.Equal(1_500_000m, t.GetProperty("plafond").GetDecimal());
        Assert.Equal(naam, t.GetProperty("naam").GetString());
        Assert.Equal(100_000m, t.GetProperty("toegekend").GetProperty("toegekendBedrag").GetDecimal());
        Assert.Equal(6.7m, t.GetProperty("benuttingPercentage").GetDecimal());
    }
}
