using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WozoSubsidies.Api.Tests.Jobs;

/// <summary>Each job's effect seen through the API, with the service's clock moved past the moment the job is for, and
/// run a second time: the second run changes nothing. Tests move the shared clock only forward and plan their own
/// tijdvakken relative to it.</summary>
public sealed class JobEffectTests(JobsFixture api) : IClassFixture<JobsFixture>
{
    private const decimal IwoBedrag = 11_520m; // Scenario.IwoGegevens: 2 × (€200 + 4 × €70) × 12

    private async Task<JsonElement> TijdvakAsync(Guid id) => await api.GetAsync($"/api/tijdvakken/{id}");

    private async Task<JsonElement[]> EventsAsync(string stream) => (await api.GetAsync($"/api/audit/streams/{stream}")).EnumerateArray().ToArray();

    [Fact]
    public async Task Sluiten_closes_a_tijdvak_once_its_close_date_is_over_with_the_lottery_and_the_job_as_actor()
    {
        var tijdvak = (await api.PlanAsync(api.Klok.Vandaag, api.Klok.Vandaag, 2 * IwoBedrag + 100m)).GetProperty("id").GetGuid();
        for (var i = 0; i < 3; i++)
        {
            await api.DienInAsync($"5100000{i}", tijdvak);
        }

        var tevroeg = await api.VoerUitAsync("tijdvak-sluiten");
        Assert.Empty(JobsFixture.Wijzigingen(tevroeg, tijdvak));
        Assert.Equal("Open", (await TijdvakAsync(tijdvak)).GetProperty("status").GetString());

        api.Klok.Verzet(TimeSpan.FromHours(13)); // past midnight: the close date is over
        await api.VoerUitAsync("tijdvak-sluiten");

        Assert.Single(await api.GewijzigdAsync("tijdvak-sluiten", tijdvak));
        var gesloten = await TijdvakAsync(tijdvak);
        Assert.Equal("Gesloten", gesloten.GetProperty("status").GetString());
        Assert.Equal(2 * IwoBedrag, gesloten.GetProperty("budget").GetProperty("beslag").GetDecimal());
        Assert.Equal(1, gesloten.GetProperty("budget").GetProperty("wachtlijst").GetInt32());
        var events = await EventsAsync($"tijdvak-{tijdvak:D}");
        var sluiting = events.Single(e => e.GetProperty("type").GetString() == "tijdvak-gesloten.v1");
        Assert.Equal("job:tijdvak-sluiten", sluiting.GetProperty("metadata").GetProperty("actorId").GetString());
        // The correlation id is the id of the run that closed it.
        var runs = (await api.GetAsync("/api/jobs")).EnumerateArray().Single(j => j.GetProperty("naam").GetString() == "tijdvak-sluiten")
            .GetProperty("laatsteUitvoeringen").EnumerateArray();
        Assert.Contains(runs, r => r.GetProperty("id").GetGuid().ToString("N") == sluiting.GetProperty("metadata").GetProperty("correlationId").GetString()
            && JobsFixture.Wijzigingen(r, tijdvak).Count == 1);
        Assert.Single(events, e => e.GetProperty("type").GetString() == "dag-afgesloten.v1");

        var tweede = await api.VoerUitAsync("tijdvak-sluiten");
        Assert.Empty(JobsFixture.Wijzigingen(tweede, tijdvak));
        Assert.Equal(events.Length, (await EventsAsync($"tijdvak-{tijdvak:D}")).Length);
    }

    [Fact]
    public async Task Dagafsluiting_places_the_aanvragen_of_a_day_that_is_over_without_anyone_touching_the_tijdvak()
    {
        var tijdvak = (await api.PlanAsync(api.Klok.Vandaag, api.Klok.Vandaag.AddDays(30), 2 * IwoBedrag)).GetProperty("id").GetGuid();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await api.DienInAsync($"5200000{i}", tijdvak));
        }
        Assert.Empty(JobsFixture.Wijzigingen(await api.VoerUitAsync("dagafsluiting"), tijdvak)); // the day is not over yet

        api.Klok.Verzet(TimeSpan.FromDays(1));
        await api.VoerUitAsync("dagafsluiting");

        Assert.Single(await api.GewijzigdAsync("dagafsluiting", tijdvak));
        var na = await TijdvakAsync(tijdvak);
        Assert.Equal(2 * IwoBedrag, na.GetProperty("budget").GetProperty("beslag").GetDecimal());
        Assert.Equal(1, na.GetProperty("budget").GetProperty("wachtlijst").GetInt32());
        var statussen = await Task.WhenAll(ids.Select(async id => (await api.GetAsync($"/api/aanvragen/{id}")).GetProperty("status").GetString()));
        Assert.Equal(1, statussen.Count(s => s == "OpWachtlijst"));
        var dag = (await EventsAsync($"tijdvak-{tijdvak:D}")).Single(e => e.GetProperty("type").GetString() == "dag-afgesloten.v1");
        Assert.Equal(3, dag.GetProperty("data").GetProperty("loting").GetProperty("volgorde").GetArrayLength());

        Assert.Empty(JobsFixture.Wijzigingen(await api.VoerUitAsync("dagafsluiting"), tijdvak));
    }

    [Fact]
    public async Task Openen_opens_a_planned_tijdvak_on_its_open_date()
    {
        var tijdvak = (await api.PlanAsync(api.Klok.Vandaag.AddDays(2), api.Klok.Vandaag.AddDays(20), 50_000m)).GetProperty("id").GetGuid();
        Assert.Equal("Gepland", (await TijdvakAsync(tijdvak)).GetProperty("status").GetString());
        Assert.Empty(JobsFixture.Wijzigingen(await api.VoerUitAsync("tijdvak-openen"), tijdvak));

        api.Klok.Verzet(TimeSpan.FromDays(2));
        await api.VoerUitAsync("tijdvak-openen");

        Assert.Single(await api.GewijzigdAsync("tijdvak-openen", tijdvak));
        Assert.Equal("Open", (await TijdvakAsync(tijdvak)).GetProperty("status").GetString());
        Assert.Empty(JobsFixture.Wijzigingen(await api.VoerUitAsync("tijdvak-openen"), tijdvak));
    }

    [Fact]
    public async Task Herverdeling_declares_a_decided_closed_tijdvak_final_and_moves_its_unspent_budget_elsewhere()
    {
        var tijdvak = (await api.PlanAsync(api.Klok.Vandaag, api.Klok.Vandaag.AddDays(5), 40_000m)).GetProperty("id").GetGuid();
        var sluiting = await api.Beheerder.PostAsync($"/api/tijdvakken/{tijdvak}/sluiting", null);
        Assert.Equal(HttpStatusCode.OK, sluiting.StatusCode);

        await api.VoerUitAsync("herverdeling");

        Assert.Equal(2, (await api.GewijzigdAsync("herverdeling", tijdvak)).Count); // definitief, then herverdeeld
        var na = await TijdvakAsync(tijdvak);
        Assert.Equal("Definitief", na.GetProperty("status").GetString());
        Assert.Equal(0m, na.GetProperty("budget").GetProperty("plafond").GetDecimal());
        var events = await EventsAsync($"tijdvak-{tijdvak:D}");
        var overboeking = events.Single(e => e.GetProperty("type").GetString() == "budget-overgeboekt.v1");
        Assert.Equal(40_000m, overboeking.GetProperty("data").GetProperty("bedrag").GetDecimal());

        Assert.Empty(JobsFixture.Wijzigingen(await api.VoerUitAsync("herverdeling"), tijdvak));
        Assert.Empty(JobsFixture.Wijzigingen(await api.VoerUitAsync("vrijval"), tijdvak));
        Assert.Equal(events.Length, (await EventsAsync($"tijdvak-{tijdvak:D}")).Length);
    }

    [Fact]
    public async Task Aanvullingstermijn_sets_aside_an_aanvraag_whose_term_passed_unused()
    {
        var tijdvak = (await api.PlanAsync(api.Klok.Vandaag, api.Klok.Vandaag.AddDays(60), 100_000m)).GetProperty("id").GetGuid();
        var aanvraag = await api.DienInAsync("53000001", tijdvak);
        var verzoek = await api.Als("behandelaar", uitvoerder: "DUS-I")
            .PostAsJsonAsync($"/api/aanvragen/{aanvraag}/aanvullingsverzoek", new { omschrijving = "De huurovereenkomst ontbreekt.", termijnDagen = 2 });
        Assert.True(verzoek.StatusCode == HttpStatusCode.OK, await verzoek.Content.ReadAsStringAsync());
        Assert.Empty(JobsFixture.Wijzigingen(await api.VoerUitAsync("aanvullingstermijn"), aanvraag)); // the term still runs

        api.Klok.Verzet(TimeSpan.FromDays(3));
        await api.VoerUitAsync("aanvullingstermijn");

        Assert.Single(await api.GewijzigdAsync("aanvullingstermijn", aanvraag));
        Assert.Equal("BuitenBehandeling", (await api.GetAsync($"/api/aanvragen/{aanvraag}")).GetProperty("status").GetString());
        Assert.Empty(JobsFixture.Wijzigingen(await api.VoerUitAsync("aanvullingstermijn"), aanvraag));
    }

    [Fact]
    public async Task Beslistermijn_flags_an_undecided_aanvraag_once_when_its_term_is_past()
    {
        var tijdvak = (await api.PlanAsync(api.Klok.Vandaag, api.Klok.Vandaag.AddDays(200), 100_000m)).GetProperty("id").GetGuid();
        var aanvraag = await api.DienInAsync("54000001", tijdvak);
        Assert.Empty(JobsFixture.Wijzigingen(await api.VoerUitAsync("beslistermijn"), aanvraag));

        api.Klok.Verzet(TimeSpan.FromDays(7 * 14));
        await api.VoerUitAsync("beslistermijn");

        Assert.Contains("Verlopen", Assert.Single(await api.GewijzigdAsync("beslistermijn", aanvraag)), StringComparison.Ordinal);
        Assert.Equal("Verlopen", (await api.GetAsync($"/api/aanvragen/{aanvraag}")).GetProperty("beslistermijnStatus").GetString());
        Assert.Empty(JobsFixture.Wijzigingen(await api.VoerUitAsync("beslistermijn"), aanvraag));
    }

    [Fact]
    public async Task Vrijval_moves_budget_freed_after_the_herverdeling_by_the_same_policy()
    {
        var tijdvak = (await api.PlanAsync(api.Klok.Vandaag, api.Klok.Vandaag.AddDays(5), 50_000m)).GetProperty("id").GetGuid();
        var aanvraag = await api.DienInAsync("55000001", tijdvak);
        api.Klok.Verzet(TimeSpan.FromDays(1));
        var behandelaar = api.Als("behandelaar", uitvoerder: "DUS-I");
        var toekenning = await behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning", new { bedrag = IwoBedrag });
        Assert.True(toekenning.IsSuccessStatusCode, await toekenning.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await api.Beheerder.PostAsync($"/api/tijdvakken/{tijdvak}/sluiting", null)).StatusCode);
        await api.VoerUitAsync("herverdeling");
        Assert.Equal(IwoBedrag, (await TijdvakAsync(tijdvak)).GetProperty("budget").GetProperty("plafond").GetDecimal());

        var intrekking = await behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning/intrekking", new { bedrag = IwoBedrag, reden = "Onjuiste gegevens." });
        Assert.True(intrekking.IsSuccessStatusCode, await intrekking.Content.ReadAsStringAsync());
        Assert.Equal(IwoBedrag, (await TijdvakAsync(tijdvak)).GetProperty("budget").GetProperty("beschikbaar").GetDecimal());
        await api.VoerUitAsync("vrijval");

        Assert.Single(await api.GewijzigdAsync("vrijval", tijdvak));
        var na = (await TijdvakAsync(tijdvak)).GetProperty("budget");
        Assert.Equal(0m, na.GetProperty("plafond").GetDecimal());
        Assert.Equal(0m, na.GetProperty("beschikbaar").GetDecimal());
        var overboekingen = (await EventsAsync($"tijdvak-{tijdvak:D}")).Where(e => e.GetProperty("type").GetString() == "budget-overgeboekt.v1")
            .Select(e => e.GetProperty("data").GetProperty("bedrag").GetDecimal());
        Assert.Equal([50_000m - IwoBedrag, IwoBedrag], overboekingen);
        Assert.Empty(JobsFixture.Wijzigingen(await api.VoerUitAsync("vrijval"), tijdvak));
    }
}
