using System.Net;
using System.Net.Http.Json;
using static WozoSubsidies.Api.Tests.Besluiten.Dossier;

namespace WozoSubsidies.Api.Tests.Besluiten;

/// <summary>After the toekenning: voorschotten, verantwoording, vaststelling, intrekking (Awb 4:42–4:57).</summary>
public sealed class VoorschotTests(BesluitenFixture api) : IClassFixture<BesluitenFixture>
{
    private readonly Dossier _d = new(api);

    [Fact]
    public async Task Voorschotten_worden_betaald_tot_samen_het_toegekende_bedrag_en_geen_cent_meer()
    {
        var (_, aanvraag) = await _d.ToegekendeAanvraagAsync();
        var url = $"/api/aanvragen/{aanvraag}/voorschotten";

        var eerste = await _d.Behandelaar.PostAsJsonAsync(url, new { bedrag = 5_000m });
        var voorschot = await Lees(eerste, HttpStatusCode.Created);
        Assert.Equal($"/api/aanvragen/{aanvraag}", eerste.Headers.Location!.OriginalString);
        Assert.Equal(5_000m, voorschot.GetProperty("bedrag").GetDecimal());
        Assert.Equal(5_000m, voorschot.GetProperty("betaaldeVoorschotten").GetDecimal());
        Assert.Equal(6_520m, voorschot.GetProperty("nogBeschikbaar").GetDecimal());

        await (await _d.Behandelaar.PostAsJsonAsync(url, new { bedrag = 6_520.01m })).AssertProblemAsync(409, "voorschot-boven-toekenning");
        var tweede = await Lees(await _d.Behandelaar.PostAsJsonAsync(url, new { bedrag = 6_520m }), HttpStatusCode.Created);

        Assert.Equal(11_520m, tweede.GetProperty("betaaldeVoorschotten").GetDecimal());
        Assert.Equal(0m, tweede.GetProperty("nogBeschikbaar").GetDecimal());
        Assert.Equal(2, (await _d.AanvraagAsync(aanvraag)).GetProperty("voorschotten").GetArrayLength());
        await (await _d.Behandelaar.PostAsJsonAsync(url, new { bedrag = 0.01m })).AssertProblemAsync(409, "voorschot-boven-toekenning");
    }

    [Fact]
    public async Task Een_herhaald_voorschot_met_dezelfde_Idempotency_Key_wordt_een_keer_betaald_en_geeft_hetzelfde_antwoord()
    {
        var (_, aanvraag) = await _d.ToegekendeAanvraagAsync();
        var url = $"/api/aanvragen/{aanvraag}/voorschotten";
        var sleutel = $"betaling-{Guid.NewGuid():N}";

        var eerste = await PostAsync(_d.Behandelaar, url, new { bedrag = 4_000m }, idempotencyKey: sleutel);
        var herhaling = await PostAsync(_d.Behandelaar, url, new { bedrag = 4_000m }, idempotencyKey: sleutel);

        Assert.Equal(HttpStatusCode.Created, eerste.StatusCode);
        Assert.Equal(HttpStatusCode.Created, herhaling.StatusCode);
        Assert.Equal("true", herhaling.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await eerste.Content.ReadAsStringAsync(), await herhaling.Content.ReadAsStringAsync());
        var voorschotten = (await _d.AanvraagAsync(aanvraag)).GetProperty("voorschotten");
        Assert.Equal(4_000m, Assert.Single(voorschotten.EnumerateArray()).GetProperty("bedrag").GetDecimal());
        Assert.Equal(1L, await api.ScalarAsync<long>(
            $"select count(*) from eventstore.events where stream_id = 'aanvraag-{aanvraag:D}' and event_type = 'voorschot-verstrekt.v1'"));

        await (await PostAsync(_d.Behandelaar, url, new { bedrag = 4_500m }, idempotencyKey: sleutel)).AssertProblemAsync(422, "idempotency-key-hergebruikt");
    }

    [Fact]
    public async Task Gelijktijdige_herhalingen_van_een_voorschot_met_dezelfde_Idempotency_Key_betalen_een_keer()
    {
        var (_, aanvraag) = await _d.ToegekendeAanvraagAsync();
        var sleutel = $"betaling-{Guid.NewGuid():N}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            PostAsync(_d.Behandelaar, $"/api/aanvragen/{aanvraag}/voorschotten", new { bedrag = 3_000m }, idempotencyKey: sleutel)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = new HashSet<Guid>();
        foreach (var r in responses)
        {
            ids.Add((await r.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("voorschotId").GetGuid());
        }
        Assert.Single(ids);
        Assert.Single((await _d.AanvraagAsync(aanvraag)).GetProperty("voorschotten").EnumerateArray());
    }

    [Fact]
    public async Task Zonder_toekenning_is_een_voorschot_409_en_een_ongeldig_bedrag_400()
    {
        var (_, aanvraag) = await _d.GeplaatsteAanvraagAsync();
        var url = $"/api/aanvragen/{aanvraag}/voorschotten";

        await (await _d.Behandelaar.PostAsJsonAsync(url, new { bedrag = 100m })).AssertProblemAsync(409, "ongeldige-overgang");
        var fout = await (await _d.Behandelaar.PostAsJsonAsync(url, new { bedrag = 0m })).AssertProblemAsync(400, "validatie");

        Assert.True(fout.GetProperty("errors").TryGetProperty("bedrag", out _));
        Assert.Equal(0, (await _d.AanvraagAsync(aanvraag)).GetProperty("voorschotten").GetArrayLength());
    }

    [Fact]
    public async Task Alleen_een_behandelaar_van_de_uitvoerder_verstrekt_een_voorschot_en_een_verouderde_If_Match_is_412()
    {
        var (_, aanvraag) = await _d.ToegekendeAanvraagAsync();
        var url = $"/api/aanvragen/{aanvraag}/voorschotten";
        var body = new { bedrag = 1_000m };

        await (await _d.Aanvrager.PostAsJsonAsync(url, body)).AssertProblemAsync(403, "geen-toegang");
        await (await _d.Auditor.PostAsJsonAsync(url, body)).AssertProblemAsync(403, "geen-toegang");
        await (await _d.BehandelaarRvo.PostAsJsonAsync(url, body)).AssertProblemAsync(404, "niet-gevonden");
        await (await _d.AndereAanvrager.PostAsJsonAsync(url, body)).AssertProblemAsync(404, "niet-gevonden");
        await (await PostAsync(_d.Behandelaar, url, body, "\"1\"")).AssertProblemAsync(412, "versie-conflict");

        Assert.Equal(0, (await _d.AanvraagAsync(aanvraag)).GetProperty("voorschotten").GetArrayLength());
    }
}

public sealed class VerantwoordingEnVaststellingTests(BesluitenFixture api) : IClassFixture<BesluitenFixture>
{
    private readonly Dossier _d = new(api);

    private async Task VoorschotAsync(Guid aanvraag, decimal bedrag) =>
        await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/voorschotten", new { bedrag }), HttpStatusCode.Created);

    private async Task VerantwoordAsync(Guid aanvraag, decimal kosten) =>
        await Lees(await _d.Aanvrager.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/verantwoording", new { werkelijkeKosten = kosten, toelichting = "Zie de bijgevoegde staat." }));

    [Fact]
    public async Task De_aanvrager_verantwoordt_de_besteding_van_de_eigen_toegekende_aanvraag()
    {
        var (_, aanvraag) = await _d.ToegekendeAanvraagAsync();

        var detail = await Lees(await _d.Aanvrager.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/verantwoording",
            new { werkelijkeKosten = 10_987.65m, toelichting = "Twee jongeren, twaalf maanden." }));

        Assert.Equal("VerantwoordingIngediend", detail.GetProperty("status").GetString());
        Assert.Equal(10_987.65m, detail.GetProperty("verantwoording").GetProperty("werkelijkeKosten").GetDecimal());
    }

    [Fact]
    public async Task Alleen_de_eigen_aanvrager_verantwoordt_en_velden_en_versie_worden_gecontroleerd()
    {
        var (_, aanvraag) = await _d.ToegekendeAanvraagAsync();
        var url = $"/api/aanvragen/{aanvraag}/verantwoording";
        var body = new { werkelijkeKosten = 1_000m, toelichting = "Kosten." };

        await (await _d.Behandelaar.PostAsJsonAsync(url, body)).AssertProblemAsync(403, "geen-toegang");
        await (await _d.Auditor.PostAsJsonAsync(url, body)).AssertProblemAsync(403, "geen-toegang");
        await (await _d.AndereAanvrager.PostAsJsonAsync(url, body)).AssertProblemAsync(404, "niet-gevonden");
        var fout = await (await _d.Aanvrager.PostAsJsonAsync(url, new { werkelijkeKosten = -1m })).AssertProblemAsync(400, "validatie");
        Assert.True(fout.GetProperty("errors").TryGetProperty("werkelijkeKosten", out _));
        Assert.True(fout.GetProperty("errors").TryGetProperty("toelichting", out _));
        await (await PostAsync(_d.Aanvrager, url, body, "\"2\"")).AssertProblemAsync(412, "versie-conflict");

        Assert.Equal("Toegekend", (await _d.AanvraagAsync(aanvraag)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Een_verantwoording_voor_een_aanvraag_zonder_toekenning_is_409()
    {
        var (_, aanvraag) = await _d.GeplaatsteAanvraagAsync();

        await (await _d.Aanvrager.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/verantwoording", new { werkelijkeKosten = 1_000m, toelichting = "Kosten." }))
            .AssertProblemAsync(409, "ongeldige-overgang");
    }

    [Fact]
    public async Task Een_vaststelling_onder_de_betaalde_voorschotten_vordert_precies_het_verschil_terug_en_laat_de_rest_vrijvallen()
    {
        var (tijdvak, aanvraag) = await _d.ToegekendeAanvraagAsync();
        await VoorschotAsync(aanvraag, 8_000m);
        await VerantwoordAsync(aanvraag, 7_000.50m);

        var vaststelling = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/vaststelling",
            new { bedrag = 7_000.50m, toelichting = "Volgens de verantwoording." }));

        Assert.Equal(11_520m, vaststelling.GetProperty("toegekend").GetDecimal());
        Assert.Equal(7_000.50m, vaststelling.GetProperty("vastgesteld").GetDecimal());
        Assert.Equal(8_000m, vaststelling.GetProperty("betaaldeVoorschotten").GetDecimal());
        Assert.Equal(0m, vaststelling.GetProperty("nogTeBetalen").GetDecimal());
        Assert.Equal(999.50m, vaststelling.GetProperty("terugvordering").GetDecimal());
        Assert.Equal(4_519.50m, vaststelling.GetProperty("vrijval").GetDecimal());
        var detail = vaststelling.GetProperty("aanvraag");
        Assert.Equal("Vastgesteld", detail.GetProperty("status").GetString());
        Assert.Equal(999.50m, detail.GetProperty("teruggevorderd").GetDecimal());
        var budget = await _d.TijdvakBudgetAsync(tijdvak);
        Assert.Equal(7_000.50m, budget.GetProperty("toegekend").GetDecimal());
        Assert.Equal(4_519.50m, budget.GetProperty("vrijgevallen").GetDecimal());
    }

    [Fact]
    public async Task Een_vaststelling_boven_de_betaalde_voorschotten_noemt_wat_nog_te_betalen_is()
    {
        var (tijdvak, aanvraag) = await _d.ToegekendeAanvraagAsync();
        await VoorschotAsync(aanvraag, 5_000m);
        await VerantwoordAsync(aanvraag, 12_000m);

        var vaststelling = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/vaststelling", new { bedrag = 11_520m }));

        Assert.Equal(6_520m, vaststelling.GetProperty("nogTeBetalen").GetDecimal());
        Assert.Equal(0m, vaststelling.GetProperty("terugvordering").GetDecimal());
        Assert.Equal(0m, vaststelling.GetProperty("vrijval").GetDecimal());
        Assert.Equal(11_520m, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());
    }

    [Fact]
    public async Task Een_vaststelling_boven_de_toekenning_of_voor_de_verantwoording_is_409_en_een_negatief_bedrag_400()
    {
        var (_, aanvraag) = await _d.ToegekendeAanvraagAsync();
        var url = $"/api/aanvragen/{aanvraag}/vaststelling";

        await (await _d.Behandelaar.PostAsJsonAsync(url, new { bedrag = 10_000m })).AssertProblemAsync(409, "ongeldige-overgang");
        await VerantwoordAsync(aanvraag, 20_000m);
        await (await _d.Behandelaar.PostAsJsonAsync(url, new { bedrag = 11_520.01m })).AssertProblemAsync(409, "vaststelling-boven-toekenning");
        await (await _d.Behandelaar.PostAsJsonAsync(url, new { bedrag = -1m })).AssertProblemAsync(400, "validatie");
        await (await _d.Aanvrager.PostAsJsonAsync(url, new { bedrag = 11_520m })).AssertProblemAsync(403, "geen-toegang");
        await (await _d.BehandelaarRvo.PostAsJsonAsync(url, new { bedrag = 11_520m })).AssertProblemAsync(404, "niet-gevonden");
        await (await PostAsync(_d.Behandelaar, url, new { bedrag = 11_520m }, "\"3\"")).AssertProblemAsync(412, "versie-conflict");

        Assert.Equal("VerantwoordingIngediend", (await _d.AanvraagAsync(aanvraag)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Een_vaststelling_op_nul_vordert_alle_voorschotten_terug()
    {
        var (tijdvak, aanvraag) = await _d.ToegekendeAanvraagAsync();
        await VoorschotAsync(aanvraag, 3_333.33m);
        await VerantwoordAsync(aanvraag, 0m);

        var vaststelling = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/vaststelling", new { bedrag = 0m }));

        Assert.Equal(3_333.33m, vaststelling.GetProperty("terugvordering").GetDecimal());
        Assert.Equal(0m, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());
    }
}

public sealed class ToekenningIntrekkingTests(BesluitenFixture api) : IClassFixture<BesluitenFixture>
{
    private readonly Dossier _d = new(api);

    [Fact]
    public async Task Een_gedeeltelijke_intrekking_verlaagt_de_toekenning_vordert_het_te_veel_betaalde_terug_en_laat_het_bedrag_vrijvallen()
    {
        var (tijdvak, aanvraag) = await _d.ToegekendeAanvraagAsync();
        await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/voorschotten", new { bedrag = 10_000m }), HttpStatusCode.Created);

        var detail = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning/intrekking",
            new { bedrag = 3_000m, reden = "Een jongere is vertrokken." }));

        Assert.Equal("Toegekend", detail.GetProperty("status").GetString());
        Assert.Equal(8_520m, detail.GetProperty("toegekendBedrag").GetDecimal());
        Assert.Equal(1_480m, detail.GetProperty("teruggevorderd").GetDecimal());
        var budget = await _d.TijdvakBudgetAsync(tijdvak);
        Assert.Equal(8_520m, budget.GetProperty("toegekend").GetDecimal());
        Assert.Equal(3_000m, budget.GetProperty("vrijgevallen").GetDecimal());
    }

    [Fact]
    public async Task Een_volledige_intrekking_zet_de_aanvraag_op_ingetrokken_en_geeft_het_hele_bedrag_terug_aan_het_tijdvak()
    {
        var (tijdvak, aanvraag) = await _d.ToegekendeAanvraagAsync(plafond: 50_000m);

        var detail = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning/intrekking",
            new { bedrag = 11_520m, reden = "Onjuiste gegevens verstrekt." }));

        Assert.Equal("ToekenningIngetrokken", detail.GetProperty("status").GetString());
        Assert.Equal(0m, detail.GetProperty("toegekendBedrag").GetDecimal());
        var budget = await _d.TijdvakBudgetAsync(tijdvak);
        Assert.Equal(0m, budget.GetProperty("toegekend").GetDecimal());
        Assert.Equal(50_000m, budget.GetProperty("beschikbaar").GetDecimal());
    }

    [Fact]
    public async Task Meer_intrekken_dan_is_toegekend_is_409_en_zonder_reden_400()
    {
        var (tijdvak, aanvraag) = await _d.ToegekendeAanvraagAsync();
        var url = $"/api/aanvragen/{aanvraag}/toekenning/intrekking";

        await (await _d.Behandelaar.PostAsJsonAsync(url, new { bedrag = 11_520.01m, reden = "Fout." })).AssertProblemAsync(409, "intrekking-boven-toekenning");
        var fout = await (await _d.Behandelaar.PostAsJsonAsync(url, new { bedrag = 100m })).AssertProblemAsync(400, "validatie");
        Assert.True(fout.GetProperty("errors").TryGetProperty("reden", out _));
        await (await _d.Aanvrager.PostAsJsonAsync(url, new { bedrag = 100m, reden = "Zelf." })).AssertProblemAsync(403, "geen-toegang");
        await (await _d.BehandelaarRvo.PostAsJsonAsync(url, new { bedrag = 100m, reden = "Fout." })).AssertProblemAsync(404, "niet-gevonden");
        await (await PostAsync(_d.Behandelaar, url, new { bedrag = 100m, reden = "Fout." }, "\"1\"")).AssertProblemAsync(412, "versie-conflict");

        Assert.Equal(11_520m, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());
    }

    [Fact]
    public async Task Een_intrekking_boven_de_drempel_wacht_op_een_tweede_behandelaar()
    {
        var (tijdvak, aanvraag) = await _d.GeplaatsteAanvraagAsync(jongeren: 4, plafond: 100_000m);
        // €23,040 granted with four-eyes; revoking all of it weighs €23,040, above the €20,000 threshold.
        var groot = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning", new { bedrag = 23_040m }), HttpStatusCode.Accepted);
        await Lees(await PostAsync(_d.TweedeBehandelaar, $"/api/besluiten/{groot.GetProperty("besluitId").GetGuid()}/goedkeuring", null));

        var wacht = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning/intrekking",
            new { bedrag = 23_040m, reden = "Geen jongeren gevonden." }), HttpStatusCode.Accepted);

        Assert.Equal("Intrekking", wacht.GetProperty("soort").GetString());
        Assert.Equal(23_040m, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());
        await Lees(await PostAsync(_d.TweedeBehandelaar, $"/api/besluiten/{wacht.GetProperty("besluitId").GetGuid()}/goedkeuring", null));
        Assert.Equal(0m, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());
    }
}
