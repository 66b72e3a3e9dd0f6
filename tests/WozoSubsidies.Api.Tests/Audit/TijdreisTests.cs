using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using WozoSubsidies.Api.Tests.Besluiten;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Api.Tests.Audit;

/// <summary>?asOf= on a tijdvak and a regeling, just before and at the moment a decision was recorded (the aanvraag's is in
/// Aanvragen/BehandelingTests). The moment is the event's own vastgelegdOp from the audit stream: the database clock.</summary>
public sealed class TijdreisTests(BesluitenFixture api) : IClassFixture<BesluitenFixture>
{
    private readonly Dossier _d = new(api);

    [Fact]
    public async Task Het_budget_van_een_tijdvak_vlak_voor_en_op_het_moment_van_een_toekenning()
    {
        var (tijdvak, aanvraag) = await _d.GeplaatsteAanvraagAsync();
        // The beoordeling settles the day (the aanvraag takes its beslag) in a transaction of its own, before the toekenning.
        await Dossier.Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/beoordeling", new { advies = "Positief" }));
        await Dossier.Lees(await _d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning", new { bedrag = 2 * Dossier.PerJongere }));
        var moment = await MomentAsync($"tijdvak-{tijdvak:D}", "toekenning-geboekt.v1");

        var voor = (await _d.Auditor.GetFromJsonAsync<JsonElement>($"/api/tijdvakken/{tijdvak}?asOf={Tijd(moment.AddTicks(-10))}")).GetProperty("budget");
        var na = (await _d.Auditor.GetFromJsonAsync<JsonElement>($"/api/tijdvakken/{tijdvak}?asOf={Tijd(moment)}")).GetProperty("budget");

        Assert.Equal((2 * Dossier.PerJongere, 0m), (voor.GetProperty("beslag").GetDecimal(), voor.GetProperty("toegekend").GetDecimal()));
        Assert.Equal((0m, 2 * Dossier.PerJongere), (na.GetProperty("beslag").GetDecimal(), na.GetProperty("toegekend").GetDecimal()));
        await (await _d.Auditor.GetAsync($"/api/tijdvakken/{tijdvak}?asOf=2001-01-01T00:00:00Z")).AssertProblemAsync(404, "niet-gevonden");
    }

    [Fact]
    public async Task De_regels_van_een_regeling_vlak_voor_en_op_het_moment_dat_een_nieuwe_versie_is_vastgesteld()
    {
        await api.RegelingAsync();
        var response = await _d.Beheerder.PutAsJsonAsync("/api/regelingen/IWO/regels", new
        {
            ingangsdatum = "2030-01-01",
            parameters = JsonSerializer.SerializeToElement(RegelingCalculators.StandaardParameters("IWO"), RegelsJson.Opties),
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var moment = await MomentAsync("regeling-IWO", "regels-vastgesteld.v1", laatste: true);

        var voor = await _d.Auditor.GetFromJsonAsync<JsonElement>($"/api/regelingen/IWO?asOf={Tijd(moment.AddTicks(-10))}");
        var na = await _d.Auditor.GetFromJsonAsync<JsonElement>($"/api/regelingen/IWO?asOf={Tijd(moment)}");

        Assert.Equal([1], voor.GetProperty("regelsVersies").EnumerateArray().Select(v => v.GetProperty("versie").GetInt32()));
        Assert.Equal([1, 2], na.GetProperty("regelsVersies").EnumerateArray().Select(v => v.GetProperty("versie").GetInt32()));
    }

    private async Task<DateTimeOffset> MomentAsync(string stream, string type, bool laatste = false)
    {
        var events = (await _d.Auditor.GetFromJsonAsync<JsonElement>($"/api/audit/streams/{stream}")).EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == type).ToList();
        return (laatste ? events[^1] : Assert.Single(events)).GetProperty("vastgelegdOp").GetDateTimeOffset();
    }

    private static string Tijd(DateTimeOffset moment) => Uri.EscapeDataString(moment.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
}
