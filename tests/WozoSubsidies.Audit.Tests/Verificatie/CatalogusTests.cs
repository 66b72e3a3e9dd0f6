using System.Net;
using System.Net.Http.Json;
using WozoSubsidies.Api.Tests;

namespace WozoSubsidies.Audit.Tests.Verificatie;

/// <summary>The default catalogue as the service loads it: seven regelingen and their tijdvakken, with texts full of
/// an aanvraag whose texts are not ASCII: the export must carry every stored byte, and the replay must know every
/// event the service writes.</summary>
public sealed class CatalogusTests(ApiFixture api) : IClassFixture<ApiFixture>, IDisposable
{
    private readonly Cli _cli = new(api);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Het_log_van_de_standaardcatalogus_klopt_byte_voor_byte_en_herspeelt_tot_wat_de_dienst_meldt()
    {
        var scenario = new Scenario(api);
        var tijdvak = await scenario.OpenTijdvakAsync(100_000m);
        var indiening = await scenario.Aanvrager("61000001").PostAsJsonAsync("/api/aanvragen", new
        {
            regeling = "IWO",
            tijdvakId = tijdvak,
            aanvrager = new { kvkNummer = "61000001", naam = "Stichting Één Dak — wonen & zorg, café \"De Ark\" €", type = "woningcorporatie" },
            gegevens = Scenario.IwoGegevens(),
        });
        Assert.Equal(HttpStatusCode.Created, indiening.StatusCode);
        var export = await _cli.ExportAsync();
        Assert.Contains(File.ReadLines(export), r => r.Contains("Één Dak — wonen & zorg, café \\\"De Ark\\\" €", StringComparison.Ordinal));

        var (code, uit) = await _cli.RunAsync("verifieer", "--bestand", export);
        Assert.True(code == AuditCli.Ok, uit);
        Assert.Contains("Elke hashketen klopt.", uit, StringComparison.Ordinal);

        (code, uit) = await _cli.RunAsync("herspeel", "--bestand", export, "--vergelijk", Cli.Url);
        Assert.True(code == AuditCli.Ok, uit);
        Assert.Contains("tijdvak ", uit, StringComparison.Ordinal);
        Assert.DoesNotContain("NIET HERSPEELD", uit, StringComparison.Ordinal);
    }
}
