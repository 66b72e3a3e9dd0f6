using System.Text.Json;
using WozoSubsidies.Api.Infrastructure.OpenApi;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Api.Tests.OpenApi;

/// <summary>The examples of the OpenAPI document are aanvragen the service accepts: read the way the API reads
/// `gegevens` (RegelsJson) and judged with the standard parameters, they violate no rule. No database.</summary>
public sealed class AanvraagVoorbeeldenTests
{
    public static TheoryData<string, DateOnly> CodesEnDagen()
    {
        var data = new TheoryData<string, DateOnly>();
        // Today, month ends, a leap day and years ahead: the IWO example moves with the day it is shown.
        DateOnly[] dagen = [DateOnly.FromDateTime(DateTime.UtcNow), new(2026, 1, 31), new(2026, 12, 31), new(2028, 2, 29), new(2031, 6, 15)];
        foreach (var code in RegelingCodes.Alle)
        {
            foreach (var dag in dagen)
            {
                data.Add(code, dag);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CodesEnDagen))]
    public void Every_example_is_valid_for_the_standard_parameters(string code, DateOnly vandaag)
    {
        var voorbeeld = AanvraagVoorbeelden.Voor(code, vandaag);
        var gegevens = RegelsJson.LeesGegevens(code, JsonSerializer.SerializeToElement(voorbeeld.Gegevens));
        var beoordeling = RegelingCalculators.Voor(code).Beoordeel(gegevens,
            new AanvraagContext(vandaag, voorbeeld.AanvragerType, RegelingCalculators.StandaardParameters(code), TijdvakRegels.Geen));
        Assert.True(beoordeling.Voldoet, $"{code} on {vandaag:yyyy-MM-dd}: " + string.Join(" ", beoordeling.Overtredingen.Select(o => $"[{o.Code}] {o.Melding}")));
        Assert.True(beoordeling.AangevraagdBedrag > 0);
    }

    [Fact]
    public void Every_regeling_has_one_example_naming_itself_and_a_valid_request()
    {
        var vandaag = new DateOnly(2026, 11, 23);
        Assert.Equal(RegelingCodes.Alle, AanvraagVoorbeelden.Alle(vandaag).Select(v => v.Regeling));
        foreach (var voorbeeld in AanvraagVoorbeelden.Alle(vandaag))
        {
            Assert.Equal(voorbeeld.Regeling, voorbeeld.Gegevens["regeling"]!.GetValue<string>());
            Assert.Equal("regeling", voorbeeld.Gegevens.First().Key);
            Assert.Matches("^([0-9]{8}|[0-9]{20})$", voorbeeld.KvkNummer);
            Assert.Contains(voorbeeld.AanvragerType, RegelingCalculators.StandaardParameters(voorbeeld.Regeling).ToegestaneAanvragerTypen);
            Assert.False(string.IsNullOrWhiteSpace(voorbeeld.Samenvatting));
            var verzoek = AanvraagVoorbeelden.Verzoek(voorbeeld);
            Assert.Equal(voorbeeld.Regeling, verzoek["regeling"]!.GetValue<string>());
            Assert.Equal(voorbeeld.Gegevens.ToJsonString(), verzoek["gegevens"]!.ToJsonString());
            Assert.DoesNotContain("null", verzoek.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void The_parameters_example_is_the_standard_rules_version(string code)
    {
        var json = AanvraagVoorbeelden.Parameters(code);
        Assert.Equal(code, json["regeling"]!.GetValue<string>());
        var gelezen = RegelsJson.LeesParameters(code, JsonSerializer.SerializeToElement(json));
        Assert.Empty(gelezen.Valideer());
        Assert.Equal(
            JsonSerializer.Serialize(RegelingCalculators.StandaardParameters(code), RegelingCalculators.ParametersType(code), RegelsJson.Opties),
            JsonSerializer.Serialize(gelezen, RegelingCalculators.ParametersType(code), RegelsJson.Opties));
    }

    public static TheoryData<string> Codes() => [.. RegelingCodes.Alle];
}
