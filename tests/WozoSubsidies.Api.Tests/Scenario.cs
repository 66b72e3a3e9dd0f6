using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using WozoSubsidies.Domain.Gedeeld;

namespace WozoSubsidies.Api.Tests;

/// <summary>Builds state through the API, as a user would: plan a tijdvak, submit aanvragen, close the tijdvak.</summary>
public sealed class Scenario(ApiFixture api)
{
    public static DateOnly Vandaag => Amsterdam.Dag(DateTimeOffset.UtcNow);

    public HttpClient Beheerder { get; } = api.As("beheerder", "beheerder-1");

    public HttpClient Behandelaar(string uitvoerder = "DUS-I", string sub = "behandelaar-1") => api.As("behandelaar", sub, uitvoerder: uitvoerder);

    public HttpClient Aanvrager(string org) => api.As("aanvrager", $"medewerker-{org}", org: org);

    /// <summary>An open tijdvak of the regeling (today until <paramref name="dagen"/> days later) with the given plafond.</summary>
    public async Task<Guid> OpenTijdvakAsync(decimal plafond, string regeling = "IWO", int dagen = 30, object? extra = null)
    {
        var body = new JsonObject
        {
            ["naam"] = $"Test {Guid.NewGuid():N}"[..14],
            ["opent"] = Vandaag.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["sluit"] = Vandaag.AddDays(dagen).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["budgetplafond"] = plafond,
        };
        if (extra is not null)
        {
            foreach (var (k, v) in JsonSerializer.SerializeToNode(extra)!.AsObject())
            {
                body[k] = v?.DeepClone();
            }
        }
        var response = await Beheerder.PostAsJsonAsync($"/api/regelingen/{regeling}/tijdvakken", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var tijdvak = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Open", tijdvak.GetProperty("status").GetString());
        return tijdvak.GetProperty("id").GetGuid();
    }

    /// <summary>Valid IWO gegevens: <paramref name="jongeren"/> jongeren at a rate with hours, for some months, starting today.
    /// The amount is jongeren × (huurkorting + uren × €70) × maanden.</summary>
    public static JsonObject IwoGegevens(int jongeren = 2, decimal huurkorting = 200m, decimal uren = 4m, int maanden = 12, DateOnly? op = null)
    {
        var vandaag = op ?? Vandaag;
        var lijst = new JsonArray();
        for (var i = 0; i < jongeren; i++)
        {
            lijst.Add(new JsonObject
            {
                ["geboortedatum"] = Datum(vandaag.AddYears(-22).AddDays(-i)),
                ["huurovereenkomstGetekendOp"] = Datum(vandaag),
                ["huurkortingPerMaand"] = huurkorting,
                ["begeleidingUrenPerMaand"] = uren,
            });
        }
        return new JsonObject
        {
            ["woonvorm"] = new JsonObject { ["aantalWoningen"] = 12, ["bestemdVoor55Plus"] = true, ["fysiekVerbonden"] = true },
            ["jongeren"] = lijst,
            ["startdatum"] = Datum(vandaag),
            ["aantalMaanden"] = maanden,
        };
    }

    public static object Indiening(string org, JsonObject gegevens, Guid? tijdvakId = null, string regeling = "IWO") => new
    {
        regeling,
        tijdvakId,
        aanvrager = new { kvkNummer = org, naam = $"Woonstichting {org}", type = "woningcorporatie" },
        gegevens,
    };

    public async Task<JsonElement> DienInAsync(string org, JsonObject? gegevens = null, Guid? tijdvakId = null)
    {
        var response = await Aanvrager(org).PostAsJsonAsync("/api/aanvragen", Indiening(org, gegevens ?? IwoGegevens(), tijdvakId));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> SluitAsync(Guid tijdvakId)
    {
        var response = await Beheerder.PostAsync($"/api/tijdvakken/{tijdvakId}/sluiting", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> TijdvakAsync(Guid id) => await api.As("auditor").GetFromJsonAsync<JsonElement>($"/api/tijdvakken/{id}");

    public async Task<JsonElement> AanvraagAsync(Guid id) => await api.As("auditor").GetFromJsonAsync<JsonElement>($"/api/aanvragen/{id}");

    private static string Datum(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
