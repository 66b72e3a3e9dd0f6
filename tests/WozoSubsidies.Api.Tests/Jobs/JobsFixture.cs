using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Tests.Besluiten;

namespace WozoSubsidies.Api.Tests.Jobs;

/// <summary>One service in process with real Quartz (clustered store in the test database) and a clock the tests move.
/// Only this host is started, so every job run happens on it and reads the moved clock.</summary>
public sealed class JobsFixture : KlokFixture
{


    /// <summary>The real schedule: daily and per-tijdvak triggers, firing by the moved clock.</summary>
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Jobs:Triggers"] = "true" };

    public HttpClient Beheerder => Als("beheerder", "beheerder-1");


    /// <summary>A tijdvak of IWO from <paramref name="opent"/> to <paramref name="sluit"/> (dates of the moved clock).</summary>
    public async Task<JsonElement> PlanAsync(DateOnly opent, DateOnly sluit, decimal plafond, string regeling = "IWO")
    {
        var response = await Beheerder.PostAsJsonAsync($"/api/regelingen/{regeling}/tijdvakken",
            new { naam = $"Job {Guid.NewGuid():N}"[..12], opent = Datum(opent), sluit = Datum(sluit), budgetplafond = plafond });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<Guid> DienInAsync(string org, Guid tijdvakId)
    {
        var response = await Als("aanvrager", $"medewerker-{org}", org: org)
            .PostAsJsonAsync("/api/aanvragen", Scenario.Indiening(org, Scenario.IwoGegevens(op: Klok.Vandaag), tijdvakId));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>POST /api/jobs/{naam}/uitvoering as beheerder; the run, finished (200).</summary>
    public async Task<JsonElement> VoerUitAsync(string job)
    {
        var response = await Beheerder.PostAsync($"/api/jobs/{job}/uitvoering", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var run = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Geslaagd", run.GetProperty("uitkomst").GetString());
        return run;
    }

    public static IReadOnlyList<string> Wijzigingen(JsonElement run, Guid over) =>
        run.GetProperty("wijzigingen").EnumerateArray()
            .Where(w => w.GetProperty("onderwerp").GetString()!.Contains(over.ToString("D"), StringComparison.Ordinal))
            .Select(w => w.GetProperty("omschrijving").GetString()!).ToList();

    /// <summary>Every change concerning <paramref name="over"/> in the job's latest runs. The scheduler reads the same moved
    /// clock, so a trigger may fire on its own around a manual run; whichever run made the change, it is made once.</summary>
    public async Task<IReadOnlyList<string>> GewijzigdAsync(string job, Guid over)
    {
        var jobs = await GetAsync("/api/jobs");
        return jobs.EnumerateArray().Single(j => j.GetProperty("naam").GetString() == job)
            .GetProperty("laatsteUitvoeringen").EnumerateArray().SelectMany(run => Wijzigingen(run, over)).ToList();
    }

    public async Task<JsonElement> GetAsync(string url) => await Als("auditor").GetFromJsonAsync<JsonElement>(url);

}
