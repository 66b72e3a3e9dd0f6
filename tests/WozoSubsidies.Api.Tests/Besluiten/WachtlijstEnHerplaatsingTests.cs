using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static WozoSubsidies.Api.Tests.Besluiten.Dossier;

namespace WozoSubsidies.Api.Tests.Besluiten;

/// <summary>Issue 4 gaps: a wachtlijst aanvraag can be assessed and refused (refusing frees its position); a gegrond bezwaar
/// "opnieuw in behandeling" gives the aanvraag a place again within the plafond; an idempotent replay carries the ETag.</summary>
public sealed class WachtlijstEnHerplaatsingTests(BesluitenFixture api) : IClassFixture<BesluitenFixture>
{
    private readonly Dossier _d = new(api);

    private async Task<JsonElement> SluitAsync(Guid tijdvak) => await Lees(await _d.Beheerder.PostAsync($"/api/tijdvakken/{tijdvak}/sluiting", null));

    private async Task<Guid> AfwijzenAsync(Guid aanvraag)
    {
        var detail = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/afwijzing",
            new { reden = "criteria", toelichting = "De jongeren zijn te oud." }));
        var besluiten = detail.GetProperty("besluiten");
        return besluiten[besluiten.GetArrayLength() - 1].GetProperty("besluitId").GetGuid();
    }

    private async Task<JsonElement> GegrondOpnieuwInBehandelingAsync(Guid aanvraag, Guid besluit)
    {
        var bezwaar = await Lees(await _d.Aanvrager.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/bezwaren",
            new { besluitId = besluit, gronden = "De jongeren zijn 22, dat staat in de gegevens." }), HttpStatusCode.Created);
        var beslissing = await Lees(await _d.TweedeBehandelaar.PostAsJsonAsync($"/api/bezwaren/{bezwaar.GetProperty("bezwaarId").GetGuid()}/beslissing",
            new { gegrond = true, toelichting = "De leeftijd is verkeerd gelezen.", herziening = new { soort = "OpnieuwInBehandeling" } }));
        return beslissing.GetProperty("aanvraag");
    }

    [Fact]
    public async Task Een_behandelaar_beoordeelt_en_weigert_een_aanvraag_op_de_wachtlijst_en_de_volgende_schuift_op()
    {
        // The plafond fits one aanvraag; closing settles the day by lottery and two wait.
        var tijdvak = await _d.TijdvakAsync(plafond: 2 * PerJongere);
        foreach (var _ in Enumerable.Range(0, 3))
        {
            await _d.DienInAsync(tijdvak);
        }
        await SluitAsync(tijdvak);
        var wachtend = (await _d.Auditor.GetFromJsonAsync<JsonElement>($"/api/aanvragen?tijdvakId={tijdvak}&status=OpWachtlijst"))
            .GetProperty("aanvragen").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();
        var posities = (await Task.WhenAll(wachtend.Select(_d.AanvraagAsync))).ToDictionary(a => a.GetProperty("id").GetGuid(), a => a.GetProperty("wachtlijstPositie").GetInt32());
        var eerste = posities.Single(p => p.Value == 1).Key;
        var tweede = posities.Single(p => p.Value == 2).Key;

        var beoordeeld = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{eerste}/beoordeling",
            new { advies = "Negatief", score = 20, toelichting = "Geen geclusterde woonvorm." }));
        Assert.Equal("OpWachtlijst", beoordeeld.GetProperty("status").GetString());
        Assert.Equal("Negatief", beoordeeld.GetProperty("beoordeling").GetProperty("advies").GetString());
        await (await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{eerste}/toekenning", new { bedrag = 2 * PerJongere }))
            .AssertProblemAsync(409, "geen-plaats");

        var afgewezen = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{eerste}/afwijzing",
            new { reden = "criteria", toelichting = "Geen geclusterde woonvorm." }));

        Assert.Equal("Afgewezen", afgewezen.GetProperty("status").GetString());
        Assert.Equal(1, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("wachtlijst").GetInt32());
        Assert.Equal(1, (await _d.AanvraagAsync(tweede)).GetProperty("wachtlijstPositie").GetInt32());
    }

    [Fact]
    public async Task Na_een_gegrond_bezwaar_opnieuw_in_behandeling_krijgt_de_aanvraag_haar_beslag_terug_en_kan_ze_worden_toegekend()
    {
        var (tijdvak, aanvraag) = await _d.GeplaatsteAanvraagAsync();
        var besluit = await AfwijzenAsync(aanvraag);
        Assert.Equal(0m, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("beslag").GetDecimal());

        var na = await GegrondOpnieuwInBehandelingAsync(aanvraag, besluit);

        Assert.Equal("InBehandeling", na.GetProperty("status").GetString());
        Assert.Equal(2 * PerJongere, na.GetProperty("beslag").GetDecimal());
        Assert.Equal(2 * PerJongere, (await _d.TijdvakBudgetAsync(tijdvak)).GetProperty("beslag").GetDecimal());
        var toegekend = await Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning", new { bedrag = 2 * PerJongere }));
        Assert.Equal("Toegekend", toegekend.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Is_het_budget_intussen_vergeven_dan_komt_de_herplaatste_aanvraag_op_de_wachtlijst_voor_wie_later_kwam()
    {
        // Day 1: the aanvraag is placed and refused. Day 2: two more; the first takes the freed budget, the second waits.
        var (tijdvak, aanvraag) = await _d.GeplaatsteAanvraagAsync(plafond: 2 * PerJongere);
        var besluit = await AfwijzenAsync(aanvraag);
        var later = await _d.DienInAsync(tijdvak);
        var laatst = await _d.DienInAsync(tijdvak);
        _d.DeDagIsVoorbij();

        var na = await GegrondOpnieuwInBehandelingAsync(aanvraag, besluit);

        Assert.Equal("OpWachtlijst", na.GetProperty("status").GetString());
        Assert.Equal(1, na.GetProperty("wachtlijstPositie").GetInt32());
        var budget = await _d.TijdvakBudgetAsync(tijdvak);
        Assert.Equal(2 * PerJongere, budget.GetProperty("beslag").GetDecimal());
        Assert.Equal(2, budget.GetProperty("wachtlijst").GetInt32());
        var anderen = await Task.WhenAll(_d.AanvraagAsync(later), _d.AanvraagAsync(laatst));
        Assert.Single(anderen, a => a.GetProperty("beslag").GetDecimal() == 2 * PerJongere);
        Assert.Single(anderen, a => a.TryGetProperty("wachtlijstPositie", out var p) && p.ValueKind == JsonValueKind.Number && p.GetInt32() == 2);
    }

    [Fact]
    public async Task Een_herhaald_voorschot_en_bezwaar_met_dezelfde_Idempotency_Key_geven_dezelfde_ETag_terug()
    {
        var (_, toegekend) = await _d.ToegekendeAanvraagAsync();
        var sleutel = $"voorschot-{Guid.NewGuid():N}";
        var eerste = await PostAsync(_d.Behandelaar, $"/api/aanvragen/{toegekend}/voorschotten", new { bedrag = 1_000m }, idempotencyKey: sleutel);
        var herhaling = await PostAsync(_d.Behandelaar, $"/api/aanvragen/{toegekend}/voorschotten", new { bedrag = 1_000m }, idempotencyKey: sleutel);
        Assert.Equal("true", herhaling.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.NotNull(eerste.Headers.ETag);
        Assert.Equal(eerste.Headers.ETag, herhaling.Headers.ETag);
        Assert.Equal(await _d.ETagAsync(toegekend), herhaling.Headers.ETag!.Tag);

        var (_, aanvraag) = await _d.GeplaatsteAanvraagAsync();
        var besluit = await AfwijzenAsync(aanvraag);
        var body = new { besluitId = besluit, gronden = "Onterecht." };
        sleutel = $"bezwaar-{Guid.NewGuid():N}";
        var bezwaar = await PostAsync(_d.Aanvrager, $"/api/aanvragen/{aanvraag}/bezwaren", body, idempotencyKey: sleutel);
        var bezwaarHerhaling = await PostAsync(_d.Aanvrager, $"/api/aanvragen/{aanvraag}/bezwaren", body, idempotencyKey: sleutel);
        Assert.Equal("true", bezwaarHerhaling.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.NotNull(bezwaar.Headers.ETag);
        Assert.Equal(bezwaar.Headers.ETag, bezwaarHerhaling.Headers.ETag);
    }
}
