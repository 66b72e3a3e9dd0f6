using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Tests.Besluiten;

namespace WozoSubsidies.Api.Tests;

/// <summary>The API over a fresh database with a clock the tests move (<see cref="Klok"/>), and clients per role whose
/// tokens stay valid for a year, so moving the clock never expires them.</summary>
public abstract class KlokFixture : ApiFixture
{
    private WebApplicationFactory<Program>? _metKlok;

    public Klok Klok { get; } = new();

    public WebApplicationFactory<Program> MetKlok => _metKlok ??=
        Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Klok)));

    public HttpClient Als(string rol, string? sub = null, string? org = null, string? uitvoerder = null)
    {
        var claims = new Dictionary<string, string>();
        if (org is not null)
        {
            claims["org"] = org;
        }
        if (uitvoerder is not null)
        {
            claims["uitvoerder"] = uitvoerder;
        }
        var client = MetKlok.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", AuthSetup.MintToken(SigningKey, sub ?? $"test-{rol}", rol, claims, TimeSpan.FromDays(365)));
        return client;
    }

    public HttpClient Anoniem() => MetKlok.CreateClient();

    public static string Datum(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The body of an IWO aanvraag for <paramref name="jongeren"/> jongeren of 22 with €200 huurkorting and
    /// 4 h begeleiding a month each, starting today on the moved clock, for <paramref name="maanden"/> months.</summary>
    public object IwoIndiening(Guid tijdvakId, string org, int jongeren, int maanden)
    {
        var lijst = new JsonArray();
        for (var i = 0; i < jongeren; i++)
        {
            lijst.Add(new JsonObject
            {
                ["geboortedatum"] = Datum(Klok.Vandaag.AddYears(-22).AddDays(-i)),
                ["huurovereenkomstGetekendOp"] = Datum(Klok.Vandaag),
                ["huurkortingPerMaand"] = 200m,
                ["begeleidingUrenPerMaand"] = 4m,
            });
        }
        return new
        {
            regeling = "IWO",
            tijdvakId,
            aanvrager = new { kvkNummer = org, naam = $"Woonstichting {org}", type = "woningcorporatie" },
            gegevens = new JsonObject
            {
                ["woonvorm"] = new JsonObject { ["aantalWoningen"] = 12, ["bestemdVoor55Plus"] = true, ["fysiekVerbonden"] = true },
                ["jongeren"] = lijst,
                ["startdatum"] = Datum(Klok.Vandaag),
                ["aantalMaanden"] = maanden,
            },
        };
    }

    public override async Task DisposeAsync()
    {
        if (_metKlok is not null)
        {
            await _metKlok.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}
