using System.Net;
using System.Net.Http.Json;
using static WozoSubsidies.Api.Tests.Besluiten.Dossier;

namespace WozoSubsidies.Api.Tests.Besluiten;

public sealed class BeoordelingTests(BesluitenFixture api) : IClassFixture<BesluitenFixture>
{
    private readonly Dossier _d = new(api);

    [Fact]
    public async Task Een_beoordeling_neemt_een_ingediende_aanvraag_in_behandeling_en_legt_advies_en_score_vast()
    {
        var tijdvak = await _d.TijdvakAsync();
        var aanvraag = await _d.DienInAsync(tijdvak);

        var response = await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/beoordeling",
            new { advies = "Positief", score = 87, toelichting = "Past goed in de wijk." });

        var detail = await Lees(response);
        Assert.Equal("InBehandeling", detail.GetProperty("status").GetString());
        var beoordeling = detail.GetProperty("beoordeling");
        Assert.Equal("Positief", beoordeling.GetProperty("advies").GetString());
        Assert.Equal(87, beoordeling.GetProperty("score").GetInt32());
        Assert.Equal($"\"{detail.GetProperty("versie").GetInt64()}\"", response.Headers.ETag!.Tag);
        // Ingediend (1), in behandeling genomen (2), beoordeeld (3).
        Assert.Equal(3, detail.GetProperty("versie").GetInt64());
    }

    [Fact]
    public async Task Een_tweede_beoordeling_van_een_aanvraag_in_behandeling_vervangt_de_eerste()
    {
        var aanvraag = await _d.DienInAsync(await _d.TijdvakAsync());
        await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/beoordeling", new { advies = "Negatief" }));

        var detail = await Lees(await _d.TweedeBehandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/beoordeling", new { advies = "Positief", score = 0 }));

        Assert.Equal("Positief", detail.GetProperty("beoordeling").GetProperty("advies").GetString());
        Assert.Equal(0, detail.GetProperty("beoordeling").GetProperty("score").GetInt32());
    }

    [Fact]
    public async Task Een_beoordeling_zonder_advies_en_met_een_score_boven_honderd_is_een_400_die_beide_velden_noemt()
    {
        var aanvraag = await _d.DienInAsync(await _d.TijdvakAsync());

        var problem = await (await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/beoordeling", new { score = 101 }))
            .AssertProblemAsync(400, "validatie");

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("advies", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("score", out _), errors.ToString());
        Assert.Equal("Ingediend", (await _d.AanvraagAsync(aanvraag)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Een_beoordeling_zonder_body_is_een_400_die_het_advies_noemt()
    {
        var aanvraag = await _d.DienInAsync(await _d.TijdvakAsync());

        var problem = await (await PostAsync(_d.Behandelaar, $"/api/aanvragen/{aanvraag}/beoordeling", null)).AssertProblemAsync(400, "validatie");

        Assert.True(problem.GetProperty("errors").TryGetProperty("advies", out _));
    }

    [Fact]
    public async Task Alleen_een_behandelaar_van_de_uitvoerder_mag_beoordelen_wie_de_aanvraag_niet_ziet_krijgt_404()
    {
        var aanvraag = await _d.DienInAsync(await _d.TijdvakAsync());
        var url = $"/api/aanvragen/{aanvraag}/beoordeling";
        var body = new { advies = "Positief" };

        await (await _d.Aanvrager.PostAsJsonAsync(url, body)).AssertProblemAsync(403, "geen-toegang");
        await (await _d.Auditor.PostAsJsonAsync(url, body)).AssertProblemAsync(403, "geen-toegang");
        await (await _d.Beheerder.PostAsJsonAsync(url, body)).AssertProblemAsync(403, "geen-toegang");
        await (await _d.BehandelaarRvo.PostAsJsonAsync(url, body)).AssertProblemAsync(404, "niet-gevonden");
        await (await _d.AndereAanvrager.PostAsJsonAsync(url, body)).AssertProblemAsync(404, "niet-gevonden");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anoniem().PostAsJsonAsync(url, body)).StatusCode);
        await (await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{Guid.NewGuid()}/beoordeling", body)).AssertProblemAsync(404, "niet-gevonden");
        Assert.Equal("Ingediend", (await _d.AanvraagAsync(aanvraag)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Een_beoordeling_met_een_verouderde_If_Match_is_412_en_met_de_actuele_slaagt_zij()
    {
        var aanvraag = await _d.DienInAsync(await _d.TijdvakAsync());
        var etag = await _d.ETagAsync(aanvraag);
        await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/beoordeling", new { advies = "Negatief" }));

        await (await PostAsync(_d.Behandelaar, $"/api/aanvragen/{aanvraag}/beoordeling", new { advies = "Positief" }, etag))
            .AssertProblemAsync(412, "versie-conflict");
        var actueel = await _d.ETagAsync(aanvraag);
        var detail = await Lees(await PostAsync(_d.Behandelaar, $"/api/aanvragen/{aanvraag}/beoordeling", new { advies = "Positief" }, actueel));
        Assert.Equal("Positief", detail.GetProperty("beoordeling").GetProperty("advies").GetString());
    }
}

public sealed class ToekenningTests(BesluitenFixture api) : IClassFixture<BesluitenFixture>
{
    private readonly Dossier _d = new(api);

    [Fact]
    public async Task Een_aanvraag_van_vandaag_heeft_nog_geen_plaats_en_kan_pas_worden_toegekend_als_de_dag_voorbij_is()
    {
        var tijdvak = await _d.TijdvakAsync(plafond: 100_000m);
        var aanvraag = await _d.DienInAsync(tijdvak);

        var vandaag = await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning", new { bedrag = 11_520m });

        await vandaag.AssertProblemAsync(409, "geen-plaats");
        Assert.Equal("Ingediend", (await _d.AanvraagAsync(aanvraag)).GetProperty("status").GetString());

        _d.DeDagIsVoorbij();
        var detail = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning", new { bedrag = 11_520m }));

        Assert.Equal("Toegekend", detail.GetProperty("status").GetString());
        Assert.Equal(11_520m, detail.GetProperty("toegekendBedrag").GetDecimal());
        var besluit = Assert.Single(detail.GetProperty("besluiten").EnumerateArray());
        Assert.Equal("Toekenning", besluit.GetProperty("soort").GetString());
        var budget = await _d.TijdvakBudgetAsync(tijdvak);
        Assert.Equal(11_520m, budget.GetProperty("toegekend").GetDecimal());
        Assert.Equal(0m, budget.GetProperty("beslag").GetDecimal());
        Assert.Equal(100_000m - 11_520m, budget.GetProperty("beschikbaar").GetDecimal());
    }

    [Fact]
    public async Task Sluit_de_beheerder_het_tijdvak_vandaag_dan_krijgt_een_aanvraag_van_vandaag_meteen_een_plaats_en_kan_zij_worden_toegekend()
    {
        var tijdvak = await _d.TijdvakAsync(plafond: 100_000m);
        var aanvraag = await _d.DienInAsync(tijdvak, jongeren: 3);
        var sluiting = await Lees(await PostAsync(_d.Beheerder, $"/api/tijdvakken/{tijdvak}/sluiting", null));
        Assert.Equal("Gesloten", sluiting.GetProperty("status").GetString());
        Assert.Equal(17_280m, sluiting.GetProperty("budget").GetProperty("beslag").GetDecimal());

        var detail = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning", new { bedrag = 17_280m }));

        Assert.Equal("Toegekend", detail.GetProperty("status").GetString());
        var budget = await _d.TijdvakBudgetAsync(tijdvak);
        Assert.Equal(17_280m, budget.GetProperty("toegekend").GetDecimal());
        Assert.Equal(0m, budget.GetProperty("beslag").GetDecimal());
    }

    [Fact]
    public async Task Een_lagere_toekenning_geeft_het_verschil_met_het_beslag_vrij()
    {
        var (tijdvak, aanvraag) = await _d.GeplaatsteAanvraagAsync(plafond: 50_000m);

        var detail = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning", new { bedrag = 10_000.55m }));

        Assert.Equal(10_000.55m, detail.GetProperty("toegekendBedrag").GetDecimal());
        var budget = await _d.TijdvakBudgetAsync(tijdvak);
        Assert.Equal(10_000.55m, budget.GetProperty("toegekend").GetDecimal());
        Assert.Equal(0m, budget.GetProperty("beslag").GetDecimal());
        Assert.Equal(39_999.45m, budget.GetProperty("beschikbaar").GetDecimal());
    }

    [Fact]
    public async Task Meer_toekennen_dan_is_aangevraagd_is_409_boven_aangevraagd_bedrag()
    {
        var (tijdvak, aanvraag) = await _d.GeplaatsteAanvraagAsync();

        await (await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning", new { bedrag = 11_520.01m }))
            .AssertProblemAsync(409, "boven-aangevraagd-bedrag");

        Assert.Equal(0m, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());
    }

    [Fact]
    public async Task Een_toekenning_zonder_bedrag_met_een_negatief_bedrag_of_met_drie_decimalen_is_400()
    {
        var (_, aanvraag) = await _d.GeplaatsteAanvraagAsync();
        var url = $"/api/aanvragen/{aanvraag}/toekenning";

        var leeg = await (await PostAsync(_d.Behandelaar, url, new { })).AssertProblemAsync(400, "validatie");
        var negatief = await (await _d.Behandelaar.PostAsJsonAsync(url, new { bedrag = -5m })).AssertProblemAsync(400, "validatie");
        var decimalen = await (await _d.Behandelaar.PostAsJsonAsync(url, new { bedrag = 100.123m })).AssertProblemAsync(400, "validatie");

        Assert.True(leeg.GetProperty("errors").TryGetProperty("bedrag", out _));
        Assert.True(negatief.GetProperty("errors").TryGetProperty("bedrag", out _));
        Assert.Contains("twee decimalen", decimalen.GetProperty("errors").GetProperty("bedrag")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Een_toegekende_aanvraag_nog_eens_toekennen_is_409_ongeldige_overgang()
    {
        var (tijdvak, aanvraag) = await _d.ToegekendeAanvraagAsync();

        await (await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning", new { bedrag = 1_000m }))
            .AssertProblemAsync(409, "ongeldige-overgang");

        Assert.Equal(11_520m, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());
    }

    [Fact]
    public async Task Alleen_een_behandelaar_van_de_uitvoerder_mag_toekennen_wie_de_aanvraag_niet_ziet_krijgt_404()
    {
        var (tijdvak, aanvraag) = await _d.GeplaatsteAanvraagAsync();
        var url = $"/api/aanvragen/{aanvraag}/toekenning";
        var body = new { bedrag = 11_520m };

        await (await _d.Aanvrager.PostAsJsonAsync(url, body)).AssertProblemAsync(403, "geen-toegang");
        await (await _d.Auditor.PostAsJsonAsync(url, body)).AssertProblemAsync(403, "geen-toegang");
        await (await _d.Beheerder.PostAsJsonAsync(url, body)).AssertProblemAsync(403, "geen-toegang");
        await (await _d.BehandelaarRvo.PostAsJsonAsync(url, body)).AssertProblemAsync(404, "niet-gevonden");
        await (await _d.AndereAanvrager.PostAsJsonAsync(url, body)).AssertProblemAsync(404, "niet-gevonden");
        await (await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{Guid.NewGuid()}/toekenning", body)).AssertProblemAsync(404, "niet-gevonden");

        Assert.Equal(0m, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());
    }

    [Fact]
    public async Task Een_toekenning_met_een_verouderde_If_Match_is_412_en_kent_niets_toe()
    {
        var (tijdvak, aanvraag) = await _d.GeplaatsteAanvraagAsync();
        var etag = await _d.ETagAsync(aanvraag);
        await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/beoordeling", new { advies = "Positief" }));

        await (await PostAsync(_d.Behandelaar, $"/api/aanvragen/{aanvraag}/toekenning", new { bedrag = 11_520m }, etag))
            .AssertProblemAsync(412, "versie-conflict");

        Assert.Equal("InBehandeling", (await _d.AanvraagAsync(aanvraag)).GetProperty("status").GetString());
        Assert.Equal(0m, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());
        var detail = await Lees(await PostAsync(_d.Behandelaar, $"/api/aanvragen/{aanvraag}/toekenning", new { bedrag = 11_520m }, await _d.ETagAsync(aanvraag)));
        Assert.Equal("Toegekend", detail.GetProperty("status").GetString());
    }
}
