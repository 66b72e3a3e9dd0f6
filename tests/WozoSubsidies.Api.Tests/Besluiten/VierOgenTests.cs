using System.Net;
using System.Net.Http.Json;
using static WozoSubsidies.Api.Tests.Besluiten.Dossier;

namespace WozoSubsidies.Api.Tests.Besluiten;

/// <summary>Four-eyes (LIFECYCLE.md): a decision above the regeling's threshold (€20,000 here) waits for a second,
/// different behandelaar; only then does it take effect, on the aanvraag and on the tijdvak's budget.</summary>
public sealed class VierOgenTests(BesluitenFixture api) : IClassFixture<BesluitenFixture>
{
    private readonly Dossier _d = new(api);

    // 4 jongeren: €23,040, above the threshold.
    private const decimal Groot = 4 * PerJongere;

    private async Task<(Guid Tijdvak, Guid Aanvraag, Guid Besluit)> VoorgesteldeToekenningAsync()
    {
        var (tijdvak, aanvraag) = await _d.GeplaatsteAanvraagAsync(jongeren: 4, plafond: 100_000m);
        var response = await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning", new { bedrag = Groot });
        var wacht = await Lees(response, HttpStatusCode.Accepted);
        return (tijdvak, aanvraag, wacht.GetProperty("besluitId").GetGuid());
    }

    [Fact]
    public async Task Boven_de_drempel_is_een_toekenning_202_en_wacht_zij_zonder_effect_op_een_tweede_behandelaar()
    {
        var (tijdvak, aanvraag) = await _d.GeplaatsteAanvraagAsync(jongeren: 4, plafond: 100_000m);

        var response = await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning", new { bedrag = Groot });

        var wacht = await Lees(response, HttpStatusCode.Accepted);
        var besluitId = wacht.GetProperty("besluitId").GetGuid();
        Assert.Equal("WachtOpGoedkeuring", wacht.GetProperty("status").GetString());
        Assert.Equal("Toekenning", wacht.GetProperty("soort").GetString());
        Assert.Equal(Groot, wacht.GetProperty("bedrag").GetDecimal());
        Assert.Equal(BesluitenFixture.VierOgenDrempel, wacht.GetProperty("vierOgenDrempel").GetDecimal());
        Assert.Equal("behandelaar-1", wacht.GetProperty("voorgesteldDoor").GetString());
        Assert.Equal($"/api/besluiten/{besluitId}", response.Headers.Location!.OriginalString);

        var aanvraagNu = await _d.AanvraagAsync(aanvraag);
        Assert.Equal("InBehandeling", aanvraagNu.GetProperty("status").GetString());
        Assert.Equal(0m, aanvraagNu.GetProperty("toegekendBedrag").GetDecimal());
        Assert.Equal(besluitId, aanvraagNu.GetProperty("openBesluit").GetProperty("besluitId").GetGuid());
        var budget = await _d.TijdvakBudgetAsync(tijdvak);
        Assert.Equal(0m, budget.GetProperty("toegekend").GetDecimal());
        Assert.Equal(Groot, budget.GetProperty("beslag").GetDecimal());

        var besluit = await Lees(await _d.TweedeBehandelaar.GetAsync(response.Headers.Location));
        Assert.Equal("WachtOpGoedkeuring", besluit.GetProperty("status").GetString());
        Assert.Equal(aanvraag, besluit.GetProperty("aanvraagId").GetGuid());
    }

    [Fact]
    public async Task Wie_het_besluit_voorstelde_mag_het_niet_goedkeuren_een_andere_behandelaar_wel_en_het_tijdvak_kent_precies_dat_bedrag_toe()
    {
        var (tijdvak, aanvraag, besluit) = await VoorgesteldeToekenningAsync();
        var toegekendVoor = (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal();

        await (await PostAsync(_d.Behandelaar, $"/api/besluiten/{besluit}/goedkeuring", null)).AssertProblemAsync(403, "vier-ogen-zelfde-persoon");
        Assert.Equal(toegekendVoor, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());

        var detail = await Lees(await PostAsync(_d.TweedeBehandelaar, $"/api/besluiten/{besluit}/goedkeuring", null));

        Assert.Equal("Toegekend", detail.GetProperty("status").GetString());
        Assert.Equal(Groot, detail.GetProperty("toegekendBedrag").GetDecimal());
        Assert.False(detail.TryGetProperty("openBesluit", out _));
        var genomen = Assert.Single(detail.GetProperty("besluiten").EnumerateArray());
        Assert.Equal(besluit, genomen.GetProperty("besluitId").GetGuid());
        Assert.Equal("behandelaar-1", genomen.GetProperty("door").GetProperty("id").GetString());
        Assert.Equal("behandelaar-2", genomen.GetProperty("goedgekeurdDoor").GetProperty("id").GetString());
        var budget = await _d.TijdvakBudgetAsync(tijdvak);
        Assert.Equal(toegekendVoor + Groot, budget.GetProperty("toegekend").GetDecimal());
        Assert.Equal(0m, budget.GetProperty("beslag").GetDecimal());
        var gelezen = await Lees(await _d.Auditor.GetAsync($"/api/besluiten/{besluit}"));
        Assert.Equal("Genomen", gelezen.GetProperty("status").GetString());
        Assert.Equal("behandelaar-2", gelezen.GetProperty("goedgekeurdDoor").GetString());
    }

    [Fact]
    public async Task Precies_op_de_drempel_neemt_een_toekenning_meteen_effect()
    {
        var (tijdvak, aanvraag) = await _d.GeplaatsteAanvraagAsync(jongeren: 4, plafond: 100_000m);

        var detail = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning", new { bedrag = BesluitenFixture.VierOgenDrempel }));

        Assert.Equal("Toegekend", detail.GetProperty("status").GetString());
        Assert.Equal(BesluitenFixture.VierOgenDrempel, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());
    }

    [Fact]
    public async Task Een_goedkeuring_door_wie_het_besluit_niet_mag_zien_is_404_door_een_auditor_403_en_een_onbekend_besluit_404()
    {
        var (tijdvak, aanvraag, besluit) = await VoorgesteldeToekenningAsync();
        var url = $"/api/besluiten/{besluit}/goedkeuring";

        await (await PostAsync(_d.BehandelaarRvo, url, null)).AssertProblemAsync(404, "niet-gevonden");
        await (await PostAsync(_d.AndereAanvrager, url, null)).AssertProblemAsync(404, "niet-gevonden");
        await (await PostAsync(_d.Auditor, url, null)).AssertProblemAsync(403, "geen-toegang");
        await (await PostAsync(_d.Aanvrager, url, null)).AssertProblemAsync(403, "geen-toegang");
        await (await PostAsync(_d.TweedeBehandelaar, $"/api/besluiten/{Guid.NewGuid()}/goedkeuring", null)).AssertProblemAsync(404, "niet-gevonden");
        await (await _d.BehandelaarRvo.GetAsync($"/api/besluiten/{besluit}")).AssertProblemAsync(404, "niet-gevonden");

        Assert.Equal("InBehandeling", (await _d.AanvraagAsync(aanvraag)).GetProperty("status").GetString());
        Assert.Equal(0m, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());
    }

    [Fact]
    public async Task Een_goedkeuring_met_een_verouderde_If_Match_van_de_aanvraag_is_412()
    {
        var (tijdvak, aanvraag, besluit) = await VoorgesteldeToekenningAsync();
        var etag = await _d.ETagAsync(aanvraag);
        await Lees(await _d.TweedeBehandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/beoordeling", new { advies = "Positief" }));

        await (await PostAsync(_d.TweedeBehandelaar, $"/api/besluiten/{besluit}/goedkeuring", null, etag)).AssertProblemAsync(412, "versie-conflict");

        Assert.Equal(0m, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());
        await Lees(await PostAsync(_d.TweedeBehandelaar, $"/api/besluiten/{besluit}/goedkeuring", null, await _d.ETagAsync(aanvraag)));
        Assert.Equal(Groot, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());
    }

    [Fact]
    public async Task Zolang_een_besluit_wacht_kan_er_geen_tweede_worden_genomen()
    {
        var (_, aanvraag, _) = await VoorgesteldeToekenningAsync();

        await (await _d.TweedeBehandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning", new { bedrag = 1_000m }))
            .AssertProblemAsync(409, "besluit-in-afwachting");
        await (await _d.TweedeBehandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/afwijzing", new { reden = "criteria", toelichting = "Past niet." }))
            .AssertProblemAsync(409, "besluit-in-afwachting");
    }

    [Fact]
    public async Task Een_afgekeurd_besluit_vervalt_kan_niet_meer_worden_goedgekeurd_en_er_kan_een_nieuw_worden_voorgesteld()
    {
        var (tijdvak, aanvraag, besluit) = await VoorgesteldeToekenningAsync();

        await (await _d.TweedeBehandelaar.PostAsJsonAsync($"/api/besluiten/{besluit}/afkeuring", new { })).AssertProblemAsync(400, "validatie");
        var detail = await Lees(await _d.TweedeBehandelaar.PostAsJsonAsync($"/api/besluiten/{besluit}/afkeuring", new { toelichting = "Bedrag te hoog." }));

        Assert.False(detail.TryGetProperty("openBesluit", out _));
        Assert.Equal("Vervallen", (await Lees(await _d.Auditor.GetAsync($"/api/besluiten/{besluit}"))).GetProperty("status").GetString());
        await (await PostAsync(_d.TweedeBehandelaar, $"/api/besluiten/{besluit}/goedkeuring", null)).AssertProblemAsync(409, "besluit-niet-gevonden");
        Assert.Equal(0m, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());

        var opnieuw = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning", new { bedrag = 21_000m }), HttpStatusCode.Accepted);
        Assert.NotEqual(besluit, opnieuw.GetProperty("besluitId").GetGuid());
        Assert.Equal(21_000m, opnieuw.GetProperty("bedrag").GetDecimal());
    }

    [Fact]
    public async Task Een_afwijzing_boven_de_drempel_wacht_ook_en_geeft_na_goedkeuring_het_beslag_vrij()
    {
        var (tijdvak, aanvraag) = await _d.GeplaatsteAanvraagAsync(jongeren: 4, plafond: 100_000m);

        var wacht = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/afwijzing",
            new { reden = "criteria", toelichting = "De woonvorm is niet geclusterd." }), HttpStatusCode.Accepted);
        Assert.Equal("Afwijzing", wacht.GetProperty("soort").GetString());
        Assert.Equal(Groot, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("beslag").GetDecimal());

        var detail = await Lees(await PostAsync(_d.TweedeBehandelaar, $"/api/besluiten/{wacht.GetProperty("besluitId").GetGuid()}/goedkeuring", null));

        Assert.Equal("Afgewezen", detail.GetProperty("status").GetString());
        var budget = await _d.TijdvakBudgetAsync(tijdvak);
        Assert.Equal(0m, budget.GetProperty("beslag").GetDecimal());
        Assert.Equal(100_000m, budget.GetProperty("beschikbaar").GetDecimal());
    }

    [Fact]
    public async Task Een_vaststelling_weegt_het_toegekende_bedrag_en_wacht_daarom_ook_bij_een_laag_vastgesteld_bedrag()
    {
        var (tijdvak, aanvraag, besluit) = await VoorgesteldeToekenningAsync();
        await Lees(await PostAsync(_d.TweedeBehandelaar, $"/api/besluiten/{besluit}/goedkeuring", null));
        await Lees(await _d.Aanvrager.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/verantwoording", new { werkelijkeKosten = 5_000m, toelichting = "Minder jongeren." }));

        var wacht = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/vaststelling", new { bedrag = 5_000m }), HttpStatusCode.Accepted);

        Assert.Equal("Vaststelling", wacht.GetProperty("soort").GetString());
        Assert.Equal(Groot, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("toegekend").GetDecimal());
        var detail = await Lees(await PostAsync(_d.TweedeBehandelaar, $"/api/besluiten/{wacht.GetProperty("besluitId").GetGuid()}/goedkeuring", null));
        Assert.Equal("Vastgesteld", detail.GetProperty("status").GetString());
        Assert.Equal(5_000m, detail.GetProperty("vastgesteldBedrag").GetDecimal());
        var budget = await _d.TijdvakBudgetAsync(tijdvak);
        Assert.Equal(5_000m, budget.GetProperty("toegekend").GetDecimal());
        Assert.Equal(Groot - 5_000m, budget.GetProperty("vrijgevallen").GetDecimal());
    }
}
