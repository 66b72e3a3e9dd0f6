using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WozoSubsidies.Api.Tests.Jobs;

/// <summary>LIFECYCLE.md jobs "herverdeling": "or at its configured date". A closed tijdvak with an undecided aanvraag
/// keeps its budget until the date; at the date the unspent part moves once and the beslag of the aanvraag stays.</summary>
public sealed class HerverdelingsdatumJobTests(JobsFixture api) : IClassFixture<JobsFixture>
{
    private const decimal IwoBedrag = 11_520m; // Scenario.IwoGegevens: 2 × (€200 + 4 × €70) × 12

    private async Task<JsonElement> PlanAsync(DateOnly opent, DateOnly sluit, decimal plafond, DateOnly herverdelingOp) =>
        await api.Beheerder.PostAsJsonAsync("/api/regelingen/IWO/tijdvakken", new
        {
            naam = $"Herv {Guid.NewGuid():N}"[..12],
            opent = JobsFixture.Datum(opent),
            sluit = JobsFixture.Datum(sluit),
            budgetplafond = plafond,
            herverdelingOp = JobsFixture.Datum(herverdelingOp),
        }) is var response && response.StatusCode == HttpStatusCode.Created
            ? await response.Content.ReadFromJsonAsync<JsonElement>()
            : throw new Xunit.Sdk.XunitException(await response.Content.ReadAsStringAsync());

    private async Task<JsonElement[]> OverboekingenAsync(Guid tijdvak) =>
        [.. (await api.GetAsync($"/api/audit/streams/tijdvak-{tijdvak:D}")).EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "budget-overgeboekt.v1")];

    [Fact]
    public async Task At_its_configured_date_a_closed_tijdvak_moves_its_unspent_part_once_and_keeps_the_pending_beslag()
    {
        var vandaag = api.Klok.Vandaag;
        var datum = vandaag.AddDays(10);
        var gepland = await PlanAsync(vandaag, vandaag.AddDays(5), 50_000m, datum);
        var tijdvak = gepland.GetProperty("id").GetGuid();
        Assert.Equal(JobsFixture.Datum(datum), gepland.GetProperty("herverdelingOp").GetString());
        await api.DienInAsync("56000001", tijdvak);
        Assert.Equal(HttpStatusCode.OK, (await api.Beheerder.PostAsync($"/api/tijdvakken/{tijdvak}/sluiting", null)).StatusCode);

        // Before the date: the aanvraag is undecided, so the tijdvak is not final and nothing moves.
        await api.VoerUitAsync("herverdeling");
        var voor = await api.GetAsync($"/api/tijdvakken/{tijdvak}");
        Assert.Equal("Gesloten", voor.GetProperty("status").GetString());
        Assert.Equal(50_000m, voor.GetProperty("budget").GetProperty("plafond").GetDecimal());
        Assert.Empty(await OverboekingenAsync(tijdvak));

        api.Klok.Verzet(TimeSpan.FromDays(10));
        await api.VoerUitAsync("herverdeling");

        // The daily trigger reads the same moved clock and may have made the change itself: it is made once either way.
        Assert.Single(await api.GewijzigdAsync("herverdeling", tijdvak));
        var overboeking = Assert.Single(await OverboekingenAsync(tijdvak));
        Assert.Equal(50_000m - IwoBedrag, overboeking.GetProperty("data").GetProperty("bedrag").GetDecimal());
        var na = await api.GetAsync($"/api/tijdvakken/{tijdvak}");
        Assert.Equal("Gesloten", na.GetProperty("status").GetString());
        Assert.Equal(IwoBedrag, na.GetProperty("budget").GetProperty("plafond").GetDecimal());
        Assert.Equal(IwoBedrag, na.GetProperty("budget").GetProperty("beslag").GetDecimal());
        Assert.Equal(0m, na.GetProperty("budget").GetProperty("beschikbaar").GetDecimal());

        Assert.Empty(JobsFixture.Wijzigingen(await api.VoerUitAsync("herverdeling"), tijdvak));
        Assert.Single(await OverboekingenAsync(tijdvak));
    }

    [Fact]
    public async Task A_herverdeling_date_before_the_close_date_is_refused_with_its_code()
    {
        var vandaag = api.Klok.Vandaag;
        var response = await api.Beheerder.PostAsJsonAsync("/api/regelingen/IWO/tijdvakken", new
        {
            naam = "Te vroeg",
            opent = JobsFixture.Datum(vandaag.AddDays(30)),
            sluit = JobsFixture.Datum(vandaag.AddDays(60)),
            budgetplafond = 10_000m,
            herverdelingOp = JobsFixture.Datum(vandaag.AddDays(59)),
        });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("herverdelingsdatum-voor-sluiting", problem.GetProperty("code").GetString());
    }
}
