using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static WozoSubsidies.Api.Tests.Besluiten.Dossier;

namespace WozoSubsidies.Api.Tests.Besluiten;

/// <summary>Bezwaar (Awb 6:7, 7:11): within six weeks of the besluit, decided gegrond or ongegrond; a gegrond bezwaar
/// that turns an afwijzing into a toekenning is booked on the tijdvak's budget.</summary>
public sealed class BezwaarTests(BesluitenFixture api) : IClassFixture<BesluitenFixture>
{
    private readonly Dossier _d = new(api);

    private async Task<(Guid Tijdvak, Guid Aanvraag, Guid Besluit)> AfgewezenAsync(decimal plafond = 1_000_000m)
    {
        var (tijdvak, aanvraag) = await _d.GeplaatsteAanvraagAsync(plafond: plafond);
        return (tijdvak, aanvraag, await AfwijzenAsync(aanvraag));
    }

    private async Task<Guid> AfwijzenAsync(Guid aanvraag)
    {
        var detail = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/afwijzing",
            new { reden = "criteria", toelichting = "De jongeren zijn te oud." }));
        return detail.GetProperty("besluiten")[0].GetProperty("besluitId").GetGuid();
    }

    private async Task<Guid> BezwaarAsync(Guid aanvraag, Guid besluit)
    {
        var bezwaar = await Lees(await _d.Aanvrager.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/bezwaren",
            new { besluitId = besluit, gronden = "De jongeren zijn 22, dat staat in de gegevens." }), HttpStatusCode.Created);
        return bezwaar.GetProperty("bezwaarId").GetGuid();
    }

    [Fact]
    public async Task De_aanvrager_maakt_binnen_zes_weken_bezwaar_tegen_een_afwijzing()
    {
        var (_, aanvraag, besluit) = await AfgewezenAsync();

        var response = await _d.Aanvrager.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/bezwaren",
            new { besluitId = besluit, gronden = "De woonvorm voldoet wel." });

        var bezwaar = await Lees(response, HttpStatusCode.Created);
        var bezwaarId = bezwaar.GetProperty("bezwaarId").GetGuid();
        Assert.Equal($"/api/bezwaren/{bezwaarId}", response.Headers.Location!.OriginalString);
        Assert.Equal(besluit, bezwaar.GetProperty("besluitId").GetGuid());
        Assert.Equal(Datum(_d.Klok.Vandaag.AddDays(42)), bezwaar.GetProperty("uiterlijk").GetString());
        var gelezen = await Lees(await _d.Behandelaar.GetAsync($"/api/bezwaren/{bezwaarId}"));
        Assert.Equal("Open", gelezen.GetProperty("status").GetString());
        Assert.Equal(aanvraag, gelezen.GetProperty("aanvraagId").GetGuid());
    }

    [Fact]
    public async Task Op_de_laatste_dag_van_zes_weken_is_bezwaar_op_tijd_een_dag_later_is_het_409_bezwaartermijn_verstreken()
    {
        // Both refused on the same day D: the term runs up to and including D + 42 (Awb 6:8).
        var tijdvak = await _d.TijdvakAsync();
        var eerste = await _d.DienInAsync(tijdvak);
        var tweede = await _d.DienInAsync(tijdvak);
        _d.DeDagIsVoorbij();
        var eersteBesluit = await AfwijzenAsync(eerste);
        var tweedeBesluit = await AfwijzenAsync(tweede);

        _d.Klok.Verzet(TimeSpan.FromDays(42));
        await BezwaarAsync(eerste, eersteBesluit);
        _d.Klok.Verzet(TimeSpan.FromDays(1));
        var teLaat = await _d.Aanvrager.PostAsJsonAsync($"/api/aanvragen/{tweede}/bezwaren", new { besluitId = tweedeBesluit, gronden = "Toch." });

        await teLaat.AssertProblemAsync(409, "bezwaartermijn-verstreken");
        Assert.Equal(0, (await _d.AanvraagAsync(tweede)).GetProperty("bezwaren").GetArrayLength());
    }

    [Fact]
    public async Task Bezwaar_tegen_een_onbekend_besluit_een_tweede_bezwaar_of_zonder_gronden_wordt_geweigerd()
    {
        var (_, aanvraag, besluit) = await AfgewezenAsync();
        var url = $"/api/aanvragen/{aanvraag}/bezwaren";

        await (await _d.Aanvrager.PostAsJsonAsync(url, new { besluitId = Guid.NewGuid(), gronden = "Onterecht." })).AssertProblemAsync(409, "besluit-niet-gevonden");
        var fout = await (await PostAsync(_d.Aanvrager, url, new { })).AssertProblemAsync(400, "validatie");
        Assert.True(fout.GetProperty("errors").TryGetProperty("besluitId", out _));
        Assert.True(fout.GetProperty("errors").TryGetProperty("gronden", out _));
        await BezwaarAsync(aanvraag, besluit);
        await (await _d.Aanvrager.PostAsJsonAsync(url, new { besluitId = besluit, gronden = "Nog eens." })).AssertProblemAsync(409, "bezwaar-al-ingediend");

        Assert.Equal(1, (await _d.AanvraagAsync(aanvraag)).GetProperty("bezwaren").GetArrayLength());
    }

    [Fact]
    public async Task Alleen_de_eigen_aanvrager_maakt_bezwaar_en_een_verouderde_If_Match_is_412()
    {
        var (_, aanvraag, besluit) = await AfgewezenAsync();
        var url = $"/api/aanvragen/{aanvraag}/bezwaren";
        var body = new { besluitId = besluit, gronden = "Onterecht." };

        await (await _d.Behandelaar.PostAsJsonAsync(url, body)).AssertProblemAsync(403, "geen-toegang");
        await (await _d.Auditor.PostAsJsonAsync(url, body)).AssertProblemAsync(403, "geen-toegang");
        await (await _d.AndereAanvrager.PostAsJsonAsync(url, body)).AssertProblemAsync(404, "niet-gevonden");
        await (await _d.BehandelaarRvo.PostAsJsonAsync(url, body)).AssertProblemAsync(404, "niet-gevonden");
        await (await PostAsync(_d.Aanvrager, url, body, "\"1\"")).AssertProblemAsync(412, "versie-conflict");

        Assert.Equal(0, (await _d.AanvraagAsync(aanvraag)).GetProperty("bezwaren").GetArrayLength());
    }

    [Fact]
    public async Task Een_herhaald_bezwaar_met_dezelfde_Idempotency_Key_wordt_een_keer_vastgelegd()
    {
        var (_, aanvraag, besluit) = await AfgewezenAsync();
        var sleutel = $"bezwaar-{Guid.NewGuid():N}";
        var body = new { besluitId = besluit, gronden = "Onterecht." };

        var eerste = await PostAsync(_d.Aanvrager, $"/api/aanvragen/{aanvraag}/bezwaren", body, idempotencyKey: sleutel);
        var herhaling = await PostAsync(_d.Aanvrager, $"/api/aanvragen/{aanvraag}/bezwaren", body, idempotencyKey: sleutel);

        Assert.Equal(HttpStatusCode.Created, eerste.StatusCode);
        Assert.Equal(HttpStatusCode.Created, herhaling.StatusCode);
        Assert.Equal(await eerste.Content.ReadAsStringAsync(), await herhaling.Content.ReadAsStringAsync());
        Assert.Equal(1, (await _d.AanvraagAsync(aanvraag)).GetProperty("bezwaren").GetArrayLength());
    }

    [Fact]
    public async Task Een_ongegrond_bezwaar_laat_de_afwijzing_staan_en_een_herziening_daarbij_is_409()
    {
        var (tijdvak, aanvraag, besluit) = await AfgewezenAsync();
        var bezwaar = await BezwaarAsync(aanvraag, besluit);

        await (await _d.TweedeBehandelaar.PostAsJsonAsync($"/api/bezwaren/{bezwaar}/beslissing",
            new { gegrond = false, toelichting = "Blijft staan.", herziening = new { soort = "Toekenning", bedrag = 11_520m } }))
            .AssertProblemAsync(409, "herziening-bij-ongegrond");
        var beslissing = await Lees(await _d.TweedeBehandelaar.PostAsJsonAsync($"/api/bezwaren/{bezwaar}/beslissing",
            new { gegrond = false, toelichting = "De jongeren voldoen niet aan de leeftijdsgrens." }));

        Assert.False(beslissing.GetProperty("gegrond").GetBoolean());
        Assert.False(beslissing.TryGetProperty("besluitOpBezwaarId", out _));
        Assert.Equal("Afgewezen", beslissing.GetProperty("aanvraag").GetProperty("status").GetString());
        Assert.Equal("Ongegrond", (await Lees(await _d.Auditor.GetAsync($"/api/bezwaren/{bezwaar}"))).GetProperty("status").GetString());
        Assert.Equal(0m, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());
    }

    [Fact]
    public async Task Een_gegrond_bezwaar_dat_een_afwijzing_in_een_toekenning_verandert_boekt_precies_dat_bedrag_op_het_tijdvak()
    {
        var (tijdvak, aanvraag, besluit) = await AfgewezenAsync(plafond: 50_000m);
        var bezwaar = await BezwaarAsync(aanvraag, besluit);
        var voor = await _d.TijdvakBudgetAsync(tijdvak);

        var beslissing = await Lees(await _d.TweedeBehandelaar.PostAsJsonAsync($"/api/bezwaren/{bezwaar}/beslissing",
            new { gegrond = true, toelichting = "De leeftijd is juist opgegeven.", herziening = new { soort = "Toekenning", bedrag = 11_520m } }));

        Assert.True(beslissing.GetProperty("gegrond").GetBoolean());
        var besluitOpBezwaar = beslissing.GetProperty("besluitOpBezwaarId").GetGuid();
        var detail = beslissing.GetProperty("aanvraag");
        Assert.Equal("Toegekend", detail.GetProperty("status").GetString());
        Assert.Equal(11_520m, detail.GetProperty("toegekendBedrag").GetDecimal());
        var nieuw = detail.GetProperty("besluiten").EnumerateArray().Single(b => b.GetProperty("besluitId").GetGuid() == besluitOpBezwaar);
        Assert.Equal(bezwaar, nieuw.GetProperty("bezwaarId").GetGuid());
        var na = await _d.TijdvakBudgetAsync(tijdvak);
        Assert.Equal(voor.GetProperty("toegekend").GetDecimal() + 11_520m, na.GetProperty("toegekend").GetDecimal());
        Assert.Equal(voor.GetProperty("beschikbaar").GetDecimal() - 11_520m, na.GetProperty("beschikbaar").GetDecimal());
        Assert.Equal(1L, await api.ScalarAsync<long>(
            $"select count(*) from eventstore.events where stream_id = 'tijdvak-{tijdvak:D}' and event_type = 'herziene-toekenning-geboekt.v1'"));
        Assert.Equal("Gegrond", (await Lees(await _d.Auditor.GetAsync($"/api/bezwaren/{bezwaar}"))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Een_gegrond_bezwaar_waarvan_de_toekenning_niet_meer_in_het_plafond_past_is_409_plafond_bereikt_en_blijft_open()
    {
        // Plafond 12,000: the refused aanvraag frees its 11,520; a second aanvraag takes that place and is granted.
        var tijdvak = await _d.TijdvakAsync(plafond: 12_000m);
        var eerste = await _d.DienInAsync(tijdvak);
        _d.DeDagIsVoorbij();
        var afwijzing = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{eerste}/afwijzing", new { reden = "criteria", toelichting = "Te oud." }));
        var tweede = await _d.DienInAsync(tijdvak, org: AndereOrg);
        _d.DeDagIsVoorbij();
        await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{tweede}/toekenning", new { bedrag = 11_520m }));
        var bezwaar = await BezwaarAsync(eerste, afwijzing.GetProperty("besluiten")[0].GetProperty("besluitId").GetGuid());

        var response = await _d.TweedeBehandelaar.PostAsJsonAsync($"/api/bezwaren/{bezwaar}/beslissing",
            new { gegrond = true, toelichting = "Toch goed.", herziening = new { soort = "Toekenning", bedrag = 11_520m } });

        await response.AssertProblemAsync(409, "plafond-bereikt");
        Assert.Equal("Open", (await Lees(await _d.Auditor.GetAsync($"/api/bezwaren/{bezwaar}"))).GetProperty("status").GetString());
        Assert.Equal("Afgewezen", (await _d.AanvraagAsync(eerste)).GetProperty("status").GetString());
        var budget = await _d.TijdvakBudgetAsync(tijdvak);
        Assert.Equal(11_520m, budget.GetProperty("toegekend").GetDecimal());
        Assert.Equal(480m, budget.GetProperty("beschikbaar").GetDecimal());
    }

    [Fact]
    public async Task Een_gegrond_bezwaar_tegen_een_vaststelling_verhoogt_die_en_boekt_het_verschil_terug_op_het_tijdvak()
    {
        var (tijdvak, aanvraag) = await _d.ToegekendeAanvraagAsync();
        await Lees(await _d.Aanvrager.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/verantwoording", new { werkelijkeKosten = 11_520m, toelichting = "Alles besteed." }));
        var vaststelling = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/vaststelling", new { bedrag = 9_000m }));
        var bezwaar = await BezwaarAsync(aanvraag, vaststelling.GetProperty("besluitId").GetGuid());
        Assert.Equal(9_000m, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());

        var beslissing = await Lees(await _d.TweedeBehandelaar.PostAsJsonAsync($"/api/bezwaren/{bezwaar}/beslissing",
            new { gegrond = true, toelichting = "Alle kosten zijn aangetoond.", herziening = new { soort = "Vaststelling", bedrag = 11_000m } }));

        Assert.Equal(11_000m, beslissing.GetProperty("aanvraag").GetProperty("vastgesteldBedrag").GetDecimal());
        Assert.Equal(11_000m, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());
    }

    [Fact]
    public async Task Alleen_een_behandelaar_van_de_uitvoerder_beslist_op_een_bezwaar_en_de_velden_worden_gecontroleerd()
    {
        var (_, aanvraag, besluit) = await AfgewezenAsync();
        var bezwaar = await BezwaarAsync(aanvraag, besluit);
        var url = $"/api/bezwaren/{bezwaar}/beslissing";
        var body = new { gegrond = false, toelichting = "Blijft staan." };

        await (await _d.Aanvrager.PostAsJsonAsync(url, body)).AssertProblemAsync(403, "geen-toegang");
        await (await _d.Auditor.PostAsJsonAsync(url, body)).AssertProblemAsync(403, "geen-toegang");
        await (await _d.BehandelaarRvo.PostAsJsonAsync(url, body)).AssertProblemAsync(404, "niet-gevonden");
        await (await _d.AndereAanvrager.PostAsJsonAsync(url, body)).AssertProblemAsync(404, "niet-gevonden");
        await (await _d.Behandelaar.PostAsJsonAsync($"/api/bezwaren/{Guid.NewGuid()}/beslissing", body)).AssertProblemAsync(404, "niet-gevonden");
        var fout = await (await PostAsync(_d.Behandelaar, url, new { herziening = new { bedrag = 1m } })).AssertProblemAsync(400, "validatie");
        var errors = fout.GetProperty("errors");
        Assert.True(errors.TryGetProperty("gegrond", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("toelichting", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("herziening.soort", out _), errors.ToString());
        await (await PostAsync(_d.Behandelaar, url, body, "\"1\"")).AssertProblemAsync(412, "versie-conflict");

        Assert.Equal("Open", (await Lees(await _d.Auditor.GetAsync($"/api/bezwaren/{bezwaar}"))).GetProperty("status").GetString());
    }
}
