using System.Net.Http.Json;
using static WozoSubsidies.Api.Tests.Besluiten.Dossier;

namespace WozoSubsidies.Api.Tests.Besluiten;

public sealed class AfwijzingTests(BesluitenFixture api) : IClassFixture<BesluitenFixture>
{
    private readonly Dossier _d = new(api);

    [Fact]
    public async Task Een_afwijzing_onder_de_drempel_neemt_meteen_effect_en_geeft_het_beslag_vrij()
    {
        var (tijdvak, aanvraag) = await _d.GeplaatsteAanvraagAsync(plafond: 30_000m);

        var detail = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/afwijzing",
            new { reden = "criteria", toelichting = "De woningen zijn niet bestemd voor 55-plussers." }));

        Assert.Equal("Afgewezen", detail.GetProperty("status").GetString());
        var besluit = Assert.Single(detail.GetProperty("besluiten").EnumerateArray());
        Assert.Equal("Afwijzing", besluit.GetProperty("soort").GetString());
        Assert.Equal("criteria", besluit.GetProperty("reden").GetString());
        var budget = await _d.TijdvakBudgetAsync(tijdvak);
        Assert.Equal(0m, budget.GetProperty("beslag").GetDecimal());
        Assert.Equal(30_000m, budget.GetProperty("beschikbaar").GetDecimal());
    }

    [Fact]
    public async Task Een_aanvraag_die_nog_op_haar_dag_wacht_kan_worden_afgewezen_en_krijgt_daarna_geen_plaats_meer()
    {
        var tijdvak = await _d.TijdvakAsync(plafond: 30_000m);
        var aanvraag = await _d.DienInAsync(tijdvak);

        await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/afwijzing",
            new { reden = "niet-ontvankelijk", toelichting = "Geen verhuurder van een geclusterde woonvorm." }));
        _d.DeDagIsVoorbij();
        var andere = await _d.DienInAsync(tijdvak, org: AndereOrg);
        _d.DeDagIsVoorbij();
        await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{andere}/beoordeling", new { advies = "Positief" }));

        var budget = await _d.TijdvakBudgetAsync(tijdvak);
        Assert.Equal(11_520m, budget.GetProperty("beslag").GetDecimal());
        Assert.Equal("Afgewezen", (await _d.AanvraagAsync(aanvraag)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Een_afwijzing_zonder_reden_en_toelichting_is_een_400_die_beide_velden_noemt_en_een_onbekende_reden_ook()
    {
        var (_, aanvraag) = await _d.GeplaatsteAanvraagAsync();
        var url = $"/api/aanvragen/{aanvraag}/afwijzing";

        var leeg = await (await PostAsync(_d.Behandelaar, url, null)).AssertProblemAsync(400, "validatie");
        var onbekend = await (await _d.Behandelaar.PostAsJsonAsync(url, new { reden = "zomaar", toelichting = "x" })).AssertProblemAsync(400, "validatie");

        Assert.True(leeg.GetProperty("errors").TryGetProperty("reden", out _));
        Assert.True(leeg.GetProperty("errors").TryGetProperty("toelichting", out _));
        Assert.Contains("plafond-bereikt", onbekend.GetProperty("errors").GetProperty("reden")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Ingediend", (await _d.AanvraagAsync(aanvraag)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Alleen_een_behandelaar_van_de_uitvoerder_mag_afwijzen()
    {
        var (_, aanvraag) = await _d.GeplaatsteAanvraagAsync();
        var url = $"/api/aanvragen/{aanvraag}/afwijzing";
        var body = new { reden = "criteria", toelichting = "Past niet." };

        await (await _d.Aanvrager.PostAsJsonAsync(url, body)).AssertProblemAsync(403, "geen-toegang");
        await (await _d.Auditor.PostAsJsonAsync(url, body)).AssertProblemAsync(403, "geen-toegang");
        await (await _d.BehandelaarRvo.PostAsJsonAsync(url, body)).AssertProblemAsync(404, "niet-gevonden");
        await (await _d.AndereAanvrager.PostAsJsonAsync(url, body)).AssertProblemAsync(404, "niet-gevonden");

        Assert.Equal("Ingediend", (await _d.AanvraagAsync(aanvraag)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Een_afwijzing_met_een_verouderde_If_Match_is_412()
    {
        var (_, aanvraag) = await _d.GeplaatsteAanvraagAsync();
        var etag = await _d.ETagAsync(aanvraag);
        await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/beoordeling", new { advies = "Negatief" }));

        await (await PostAsync(_d.Behandelaar, $"/api/aanvragen/{aanvraag}/afwijzing", new { reden = "criteria", toelichting = "Past niet." }, etag))
            .AssertProblemAsync(412, "versie-conflict");

        Assert.Equal("InBehandeling", (await _d.AanvraagAsync(aanvraag)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Een_toegekende_aanvraag_afwijzen_is_409_ongeldige_overgang()
    {
        var (tijdvak, aanvraag) = await _d.ToegekendeAanvraagAsync();

        await (await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/afwijzing", new { reden = "criteria", toelichting = "Te laat bedacht." }))
            .AssertProblemAsync(409, "ongeldige-overgang");

        Assert.Equal(11_520m, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());
    }
}
