using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WozoSubsidies.Domain.Gedeeld;

namespace WozoSubsidies.Api.Tests.Jobs;

/// <summary>GET /api/jobs and POST /api/jobs/{naam}/uitvoering: who may, what they show, and the triggers a planned
/// tijdvak gets in the real Quartz store.</summary>
public sealed class JobsApiTests(JobsFixture api) : IClassFixture<JobsFixture>
{
    private static readonly string[] AlleJobs =
        ["aanvullingstermijn", "beslistermijn", "dagafsluiting", "herverdeling", "tijdvak-openen", "tijdvak-sluiten", "vrijval"];

    [Fact]
    public async Task A_beheerder_and_an_auditor_see_every_job_with_its_next_daily_run()
    {
        // Another test of this class may have moved the clock past a daily moment: the scheduler fires that misfire
        // (and so moves the trigger on) within its misfire threshold. Wait for that; never for a fixed time.
        await Wacht.TotAsync(async () => (await api.Als("auditor").GetFromJsonAsync<JsonElement>("/api/jobs")).EnumerateArray()
                .SelectMany(j => j.GetProperty("triggers").EnumerateArray())
                .Where(t => t.GetProperty("naam").GetString()!.EndsWith("-dagelijks", StringComparison.Ordinal))
                .All(t => t.GetProperty("volgendeUitvoering").GetDateTimeOffset() >= api.Klok.GetUtcNow().AddSeconds(-5)),
            TimeSpan.FromSeconds(120), "every daily trigger lies ahead of the service's clock");
        foreach (var rol in new[] { "beheerder", "auditor" })
        {
            var jobs = await api.Als(rol).GetFromJsonAsync<JsonElement>("/api/jobs");
            Assert.Equal(AlleJobs, jobs.EnumerateArray().Select(j => j.GetProperty("naam").GetString()!).Order(StringComparer.Ordinal));
            foreach (var job in jobs.EnumerateArray())
            {
                // Each job has its daily trigger; its next run lies ahead, at most a day away.
                var dagelijks = job.GetProperty("triggers").EnumerateArray().Single(t => t.GetProperty("naam").GetString()!.EndsWith("-dagelijks", StringComparison.Ordinal));
                var nu = api.Klok.GetUtcNow(); // the scheduler reads the service's clock
                Assert.InRange(dagelijks.GetProperty("volgendeUitvoering").GetDateTimeOffset(), nu.AddSeconds(-5), nu.AddDays(1).AddMinutes(1));
                Assert.False(string.IsNullOrWhiteSpace(job.GetProperty("omschrijving").GetString()));
            }
        }
    }

    [Fact]
    public async Task Other_roles_may_not_see_or_run_jobs()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anoniem().GetAsync("/api/jobs")).StatusCode);
        await (await api.Als("behandelaar", uitvoerder: "DUS-I").GetAsync("/api/jobs")).AssertProblemAsync(403, "geen-toegang");
        await (await api.Als("aanvrager", org: "12345678").GetAsync("/api/jobs")).AssertProblemAsync(403, "geen-toegang");
        await (await api.Als("auditor").PostAsync("/api/jobs/vrijval/uitvoering", null)).AssertProblemAsync(403, "geen-toegang");
        await (await api.Als("behandelaar", uitvoerder: "DUS-I").PostAsync("/api/jobs/vrijval/uitvoering", null)).AssertProblemAsync(403, "geen-toegang");
    }

    [Fact]
    public async Task Running_an_unknown_job_is_404()
    {
        await (await api.Beheerder.PostAsync("/api/jobs/bestaat-niet/uitvoering", null)).AssertProblemAsync(404, "niet-gevonden");
    }

    [Fact]
    public async Task A_manual_run_is_recorded_with_its_node_times_and_outcome_and_shows_in_the_list()
    {
        var run = await api.VoerUitAsync("vrijval");

        Assert.False(string.IsNullOrWhiteSpace(run.GetProperty("knooppunt").GetString()));
        Assert.StartsWith("handmatig door beheerder-1", run.GetProperty("aanleiding").GetString(), StringComparison.Ordinal);
        Assert.True(run.GetProperty("beeindigdOp").GetDateTimeOffset() >= run.GetProperty("gestartOp").GetDateTimeOffset());
        var jobs = await api.GetAsync("/api/jobs");
        var vrijval = jobs.EnumerateArray().Single(j => j.GetProperty("naam").GetString() == "vrijval");
        Assert.Contains(vrijval.GetProperty("laatsteUitvoeringen").EnumerateArray(), u => u.GetProperty("id").GetGuid() == run.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_planned_tijdvak_gets_triggers_at_the_start_of_its_open_date_and_the_end_of_its_close_date()
    {
        var opent = api.Klok.Vandaag.AddDays(3);
        var sluit = api.Klok.Vandaag.AddDays(10);
        var tijdvak = (await api.PlanAsync(opent, sluit, 50_000m)).GetProperty("id").GetGuid();

        var jobs = await api.GetAsync("/api/jobs");
        DateTimeOffset Trigger(string job) => jobs.EnumerateArray().Single(j => j.GetProperty("naam").GetString() == job)
            .GetProperty("triggers").EnumerateArray().Single(t => t.GetProperty("naam").GetString() == $"{job}-{tijdvak:D}")
            .GetProperty("volgendeUitvoering").GetDateTimeOffset();
        Assert.Equal(Amsterdam.BeginVan(opent), Trigger("tijdvak-openen"));
        Assert.Equal(Amsterdam.EindeVan(sluit), Trigger("tijdvak-sluiten"));
    }

    [Fact]
    public async Task A_close_moment_that_passed_fires_its_trigger_once_by_itself()
    {
        var tijdvak = (await api.PlanAsync(api.Klok.Vandaag, api.Klok.Vandaag, 50_000m)).GetProperty("id").GetGuid();

        // The moment passes while nobody asks for a run: the scheduler fires the missed trigger on its own, once.
        api.Klok.Verzet(TimeSpan.FromHours(13));
        await Wacht.TotAsync(async () => (await api.GetAsync($"/api/tijdvakken/{tijdvak}")).GetProperty("status").GetString() == "Gesloten",
            TimeSpan.FromSeconds(90), "the tijdvak closed by its own trigger");

        async Task<List<System.Text.Json.JsonElement>> RunsAsync() =>
            (await api.GetAsync("/api/jobs")).EnumerateArray().Single(j => j.GetProperty("naam").GetString() == "tijdvak-sluiten")
                .GetProperty("laatsteUitvoeringen").EnumerateArray().Where(r => r.GetProperty("aanleiding").GetString() == $"tijdvak-sluiten-{tijdvak:D}").ToList();
        // The run records what it changed when it ends, just after the closing's own commit: wait for its end.
        await Wacht.TotAsync(async () => (await RunsAsync()).Any(r => r.GetProperty("uitkomst").GetString() != "Bezig"),
            TimeSpan.FromSeconds(30), "the trigger's run ended");
        var runs = await RunsAsync();
        Assert.Single(JobsFixture.Wijzigingen(Assert.Single(runs), tijdvak));
        var events = (await api.GetAsync($"/api/audit/streams/tijdvak-{tijdvak:D}")).EnumerateArray();
        Assert.Single(events, e => e.GetProperty("type").GetString() == "tijdvak-gesloten.v1");
    }
}
