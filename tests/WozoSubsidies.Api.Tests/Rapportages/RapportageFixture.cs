using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Tests.Besluiten;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Api.Tests.Rapportages;

/// <summary>The API over a fresh database with IWO as DUS-I set it up for tijdvak 1 (plafond €3.5m): aanvragen for up to
/// 24 months, so that 8 aanvragen of 10 jongeren (€115,200 each) reach the monitor's 26%; four-eyes above €1m, so a
/// behandelaar decides alone; the projection daemon polls every 50 ms; a clock the tests move.</summary>
public sealed class RapportageFixture : KlokFixture
{
    public const decimal PerAanvraag = 10 * (200m + (4 * 70m)) * 24; // €115,200
    private readonly SemaphoreSlim _regeling = new(1, 1);
    private bool _regelingIngesteld;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Catalogus:Laden"] = "false",
        ["Projecties:Interval"] = "00:00:00.050",
        ["Projecties:BatchGrootte"] = "200",
    };

    public HttpClient Beheerder => Als("beheerder", "beheerder-1");
    public HttpClient Behandelaar => Als("behandelaar", "behandelaar-1", uitvoerder: "DUS-I");
    public HttpClient Auditor => Als("auditor", "auditor-1");
    public HttpClient Aanvrager(string org) => Als("aanvrager", $"medewerker-{org}", org: org);

    public async Task RegelingAsync()
    {
        await _regeling.WaitAsync();
        try
        {
            if (_regelingIngesteld)
            {
                return;
            }
            var parameters = JsonSerializer.SerializeToNode(RegelingCalculators.StandaardParameters("IWO"), RegelsJson.Opties)!.AsObject();
            parameters["maximumMaanden"] = 24;
            var body = new
            {
                code = "IWO",
                naam = "Subsidieregeling intergenerationeel wonen",
                uitvoerder = "DUS-I",
                verdeelmethode = "VolgordeVanBinnenkomst",
                aanvragerTypen = new[] { "woningcorporatie" },
                vierOgenDrempel = 1_000_000m,
                herverdeling = new { soort = "Elders", bestemming = "programma WOZO" },
                regels = new { ingangsdatum = "2023-07-01", parameters },
            };
            var response = await Beheerder.PostAsJsonAsync("/api/regelingen", body);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            _regelingIngesteld = true;
        }
        finally
        {
            _regeling.Release();
        }
    }

    public async Task<Guid> TijdvakAsync(decimal plafond, string? naam = null)
    {
        await RegelingAsync();
        var response = await Beheerder.PostAsJsonAsync("/api/regelingen/IWO/tijdvakken", new
        {
            naam = naam ?? $"Tijdvak {Guid.NewGuid():N}"[..16],
            opent = Datum(Klok.Vandaag),
            sluit = Datum(Klok.Vandaag.AddDays(30)),
            budgetplafond = plafond,
        });
        return (await Lees(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    /// <summary>An IWO aanvraag of 10 jongeren for 24 months (<see cref="PerAanvraag"/>).</summary>
    public async Task<Guid> DienInAsync(Guid tijdvakId, string org)
    {
        var body = IwoIndiening(tijdvakId, org, 10, 24);
        var aanvraag = await Lees(await Aanvrager(org).PostAsJsonAsync("/api/aanvragen", body), HttpStatusCode.Created);
        Assert.Equal(PerAanvraag, aanvraag.GetProperty("aangevraagdBedrag").GetDecimal());
        return aanvraag.GetProperty("id").GetGuid();
    }

    public async Task KenToeAsync(Guid aanvraag, decimal bedrag) =>
        Assert.Equal("Toegekend", (await Lees(await Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning", new { bedrag })))
            .GetProperty("status").GetString());

    public async Task WijsAfAsync(Guid aanvraag) =>
        await Lees(await Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/afwijzing",
            new { reden = "criteria", toelichting = "De woonvorm is niet bestemd voor 55-plussers." }));

    public async Task TrekInAsync(Guid aanvraag, string org) =>
        await Lees(await Aanvrager(org).PostAsJsonAsync($"/api/aanvragen/{aanvraag}/intrekken", new { toelichting = "project gaat niet door" }));

    /// <summary>Polls the report until the projection has applied every event committed so far (never a fixed delay).</summary>
    public async Task<JsonElement> BenuttingBijgewerktAsync(string query = "regeling=IWO")
    {
        var typen = string.Join(",", new WozoSubsidies.Api.Projections.BenuttingProjection().EventTypes!.Select(t => $"'{t}'"));
        var einde = await ScalarAsync<long>($"select coalesce(max(position), 0) from eventstore.events where event_type in ({typen})");
        JsonElement rapport = default;
        await Probe.UntilAsync(async () =>
        {
            rapport = await Auditor.GetFromJsonAsync<JsonElement>($"/api/rapportages/benutting?{query}");
            return rapport.GetProperty("projectie").GetProperty("positie").GetInt64() >= einde;
        }, "the benutting projection has applied every event committed so far");
        return rapport;
    }

    public static async Task<JsonElement> Lees(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var tekst = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {tekst}");
        return JsonDocument.Parse(tekst).RootElement;
    }

    public override async Task DisposeAsync()
    {
        _regeling.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>Waits for something asynchronous by polling (ARCHITECTURE.md: a polling probe, never a fixed delay).</summary>
public static class Probe
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }
            await Task.Delay(25);
        }
    }
}
