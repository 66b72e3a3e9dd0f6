using System.Net.Http.Headers;
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

    public override async Task DisposeAsync()
    {
        if (_metKlok is not null)
        {
            await _metKlok.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}
