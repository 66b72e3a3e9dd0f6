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
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Api.Tests.Besluiten;

/// <summary>The service's clock for these tests: it starts at noon (Europe/Amsterdam) today, so a test never crosses
/// midnight by accident, and ticks with real time; <see cref="Verzet"/> moves it on ("the day is over", "six weeks later").
/// Only the service's TimeProvider is moved: tokens, the database and the event store keep real time.</summary>
public sealed class Klok : TimeProvider
{
    private long _verschuivingTicks = (Amsterdam.BeginVan(Amsterdam.Dag(DateTimeOffset.UtcNow)).AddHours(12) - DateTimeOffset.UtcNow).Ticks;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow.AddTicks(Interlocked.Read(ref _verschuivingTicks));

    public DateOnly Vandaag => Amsterdam.Dag(GetUtcNow());

    public void Verzet(TimeSpan tijd) => Interlocked.Add(ref _verschuivingTicks, tijd.Ticks);
}

/// <summary>The API over a fresh database with one regeling, IWO of DUS-I, set up by a beheerder with a four-eyes
/// threshold of €20,000 (the catalogue's €100,000 is above any IWO aanvraag, max €57,600), and a clock the tests move.</summary>
public sealed class BesluitenFixture : KlokFixture
{
    public const decimal VierOgenDrempel = 20_000m;
    private readonly SemaphoreSlim _regeling = new(1, 1);
    private bool _regelingIngesteld;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Catalogus:Laden"] = "false" };

    public async Task RegelingAsync()
    {
        await _regeling.WaitAsync();
        try
        {
            if (_regelingIngesteld)
            {
                return;
            }
            var body = new
            {
                code = "IWO",
                naam = "Subsidieregeling intergenerationeel wonen",
                uitvoerder = "DUS-I",
                verdeelmethode = "VolgordeVanBinnenkomst",
                aanvragerTypen = new[] { "woningcorporatie" },
                vierOgenDrempel = VierOgenDrempel,
                herverdeling = new { soort = "Elders", bestemming = "programma WOZO" },
                regels = new
                {
                    ingangsdatum = "2023-07-01",
                    parameters = JsonSerializer.SerializeToElement(RegelingCalculators.StandaardParameters("IWO"), RegelsJson.Opties),
                },
            };
            var response = await Als("beheerder", "beheerder-1").PostAsJsonAsync("/api/regelingen", body);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            _regelingIngesteld = true;
        }
        finally
        {
            _regeling.Release();
        }
    }

    public override async Task DisposeAsync()
    {
        _regeling.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>Builds state through the API as its users would: a beheerder plans a tijdvak, an aanvrager submits, the day
/// ends (the clock moves on, and the next action settles the day and gives the aanvragen their place), behandelaars decide.</summary>
public sealed class Dossier(BesluitenFixture api)
{
    public const string Org = "12345678";
    public const string AndereOrg = "87654321";

    /// <summary>The IWO amount per jongere for 12 months: (€200 huurkorting + 4 uur × €70) × 12.</summary>
    public const decimal PerJongere = 5_760m;

    public HttpClient Beheerder => api.Als("beheerder", "beheerder-1");
    public HttpClient Behandelaar => api.Als("behandelaar", "behandelaar-1", uitvoerder: "DUS-I");
    public HttpClient TweedeBehandelaar => api.Als("behandelaar", "behandelaar-2", uitvoerder: "DUS-I");
    public HttpClient BehandelaarRvo => api.Als("behandelaar", "behandelaar-rvo", uitvoerder: "RVO");
    public HttpClient Auditor => api.Als("auditor", "auditor-1");
    public HttpClient Aanvrager => api.Als("aanvrager", "medewerker-1", org: Org);
    public HttpClient AndereAanvrager => api.Als("aanvrager", "medewerker-2", org: AndereOrg);

    public Klok Klok => api.Klok;

    public static string Datum(DateOnly d) => KlokFixture.Datum(d);

    /// <summary>An open IWO tijdvak from today for 30 days.</summary>
    public async Task<Guid> TijdvakAsync(decimal plafond = 1_000_000m)
    {
        await api.RegelingAsync();
        var response = await Beheerder.PostAsJsonAsync("/api/regelingen/IWO/tijdvakken", new
        {
            naam = $"Tijdvak {Guid.NewGuid():N}"[..16],
            opent = Datum(Klok.Vandaag),
            sluit = Datum(Klok.Vandaag.AddDays(30)),
            budgetplafond = plafond,
        });
        var tijdvak = await Lees(response, HttpStatusCode.Created);
        Assert.Equal("Open", tijdvak.GetProperty("status").GetString());
        return tijdvak.GetProperty("id").GetGuid();
    }

    /// <summary>Submits an IWO aanvraag for <paramref name="jongeren"/> jongeren (<see cref="PerJongere"/> each) and returns its id.</summary>
    public async Task<Guid> DienInAsync(Guid tijdvakId, int jongeren = 2, string org = Org)
    {
        var body = api.IwoIndiening(tijdvakId, org, jongeren, 12);
        var client = org == Org ? Aanvrager : AndereAanvrager;
        var aanvraag = await Lees(await client.PostAsJsonAsync("/api/aanvragen", body), HttpStatusCode.Created);
        Assert.Equal(jongeren * PerJongere, aanvraag.GetProperty("aangevraagdBedrag").GetDecimal());
        return aanvraag.GetProperty("id").GetGuid();
    }

    /// <summary>The day of receipt is over: the next action on the tijdvak settles it and the aanvragen of that day get their place.</summary>
    public void DeDagIsVoorbij() => Klok.Verzet(TimeSpan.FromDays(1));

    /// <summary>A tijdvak with one aanvraag that holds its place (beslag).</summary>
    public async Task<(Guid Tijdvak, Guid Aanvraag)> GeplaatsteAanvraagAsync(int jongeren = 2, decimal plafond = 1_000_000m)
    {
        var tijdvak = await TijdvakAsync(plafond);
        var aanvraag = await DienInAsync(tijdvak, jongeren);
        DeDagIsVoorbij();
        return (tijdvak, aanvraag);
    }

    /// <summary>A tijdvak with one aanvraag granted in full (below the four-eyes threshold: at most 3 jongeren).</summary>
    public async Task<(Guid Tijdvak, Guid Aanvraag)> ToegekendeAanvraagAsync(int jongeren = 2, decimal plafond = 1_000_000m)
    {
        var (tijdvak, aanvraag) = await GeplaatsteAanvraagAsync(jongeren, plafond);
        var toegekend = await Lees(await Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/toekenning", new { bedrag = jongeren * PerJongere }));
        Assert.Equal("Toegekend", toegekend.GetProperty("status").GetString());
        return (tijdvak, aanvraag);
    }

    public async Task<JsonElement> TijdvakBudgetAsync(Guid tijdvak) =>
        (await Auditor.GetFromJsonAsync<JsonElement>($"/api/tijdvakken/{tijdvak}")).GetProperty("budget");

    public async Task<JsonElement> AanvraagAsync(Guid aanvraag) => await Auditor.GetFromJsonAsync<JsonElement>($"/api/aanvragen/{aanvraag}");

    /// <summary>The aanvraag's current version, as its ETag says.</summary>
    public async Task<string> ETagAsync(Guid aanvraag)
    {
        var response = await Auditor.GetAsync($"/api/aanvragen/{aanvraag}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.Tag;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object? body, string? ifMatch = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await client.SendAsync(request);
    }

    /// <summary>Asserts the status and an ETag, and returns the body.</summary>
    public static async Task<JsonElement> Lees(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var tekst = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {tekst}");
        Assert.NotNull(response.Headers.ETag);
        return JsonDocument.Parse(tekst).RootElement;
    }

}
