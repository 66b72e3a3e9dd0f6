using System.Text.Json;
using System.Text.Json.Nodes;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Tests.Regels;

public sealed class RegelsJsonTests
{
    private static readonly JsonSerializerOptions Standaardopties = new();

    public static TheoryData<string, bool> CodesEnOpties()
    {
        var data = new TheoryData<string, bool>();
        foreach (var code in RegelingCodes.Alle)
        {
            data.Add(code, true);
            data.Add(code, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CodesEnOpties))]
    public void Gegevens_van_elke_regeling_komen_ongeschonden_terug_via_het_polymorfe_basistype(string code, bool webopties)
    {
        var opties = webopties ? RegelsJson.Opties : Standaardopties;
        var origineel = Voorbeelden.Geldig[code].Gegevens;

        var json = JsonSerializer.Serialize<AanvraagGegevens>(origineel, opties);
        var terug = JsonSerializer.Deserialize<AanvraagGegevens>(json, opties);

        Assert.StartsWith($"{{\"regeling\":\"{code}\"", json, StringComparison.Ordinal);
        Assert.IsType(origineel.GetType(), terug);
        Assert.Equal(json, JsonSerializer.Serialize(terug, opties));
        Assert.Equal(Voorbeelden.Geldig[code].Bedrag, Beoordelen.Met(terug!).AangevraagdBedrag);
    }

    [Theory]
    [MemberData(nameof(CodesEnOpties))]
    public void De_standaardparameters_van_elke_regeling_komen_ongeschonden_terug_via_het_polymorfe_basistype(string code, bool webopties)
    {
        var opties = webopties ? RegelsJson.Opties : Standaardopties;
        var origineel = RegelingCalculators.StandaardParameters(code);

        var json = JsonSerializer.Serialize<RegelParameters>(origineel, opties);
        var terug = JsonSerializer.Deserialize<RegelParameters>(json, opties);

        Assert.StartsWith($"{{\"regeling\":\"{code}\"", json, StringComparison.Ordinal);
        Assert.IsType(origineel.GetType(), terug);
        Assert.Equal(json, JsonSerializer.Serialize(terug, opties));
        Assert.Contains("\"toegestaneAanvragerTypen\":", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IWO", "woonvorm,jongeren,startdatum,aantalMaanden")]
    [InlineData("SZGW", "woningen,nieuwbouw,wlzDoelgroep,project")]
    [InlineData("SOO", "aantalWoningenComplex,ontmoetingsruimte")]
    [InlineData("STOZ", "route,doelen,sector,subsidiabeleKosten,looptijdMaanden")]
    [InlineData("IOC", "sector,innovatietype,coachkosten,looptijdMaanden,beroepsgroep,samenwerkendeZorgaanbieder")]
    [InlineData("SPUK-DOS", "gemeenten,onderwerp,meerkosten,businesscase")]
    [InlineData("REABLEMENT", "projectbegroting,looptijdMaanden,deelnameLeertraject")]
    public void De_velden_van_gegevens_heten_zoals_in_het_api_contract(string code, string velden)
    {
        var json = JsonSerializer.SerializeToNode(Voorbeelden.Geldig[code].Gegevens, Voorbeelden.Geldig[code].Gegevens.GetType(), Standaardopties)!.AsObject();

        Assert.Equal(velden.Split(','), json.Select(p => p.Key));
    }

    [Fact]
    public void Een_iwo_aanvraag_zoals_de_api_hem_ontvangt_vraagt_57600()
    {
        // API.md, "The gegevens of an aanvraag": no discriminator inside gegevens; the top-level `regeling` says which.
        var jongere = """{"geboortedatum":"2001-05-04","huurovereenkomstGetekendOp":"2024-02-01","huurkortingPerMaand":200,"begeleidingUrenPerMaand":4}""";
        var body = $$"""
            {"woonvorm":{"aantalWoningen":30,"bestemdVoor55Plus":true,"fysiekVerbonden":true},
             "jongeren":[{{string.Join(",", Enumerable.Repeat(jongere, 10))}}],
             "startdatum":"2024-02-01","aantalMaanden":12}
            """;
        using var document = JsonDocument.Parse(body);

        var gegevens = RegelsJson.LeesGegevens("IWO", document.RootElement);

        Assert.IsType<IwoGegevens>(gegevens);
        Beoordelen.Met(gegevens).VoldoetMetBedrag(57_600m);
    }

    [Fact]
    public void Gegevens_uit_jsonb_waar_regeling_niet_vooraan_staat_worden_gelezen()
    {
        // PostgreSQL jsonb stores keys shortest first, so the discriminator is no longer the first property.
        const string Json = """{"meerkosten":410000,"onderwerp":"Arrangeur","regeling":"SPUK-DOS","gemeenten":["GM0503"],"businesscase":"b"}""";

        var gegevens = JsonSerializer.Deserialize<AanvraagGegevens>(Json, RegelsJson.Opties);

        Assert.Equal("GM0503", Assert.IsType<SpukDosGegevens>(gegevens).Penvoerder);
    }

    [Fact]
    public void Gegevens_met_de_eigen_regeling_achteraan_worden_ook_met_strenge_opties_gelezen()
    {
        var streng = new JsonSerializerOptions { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };
        using var document = JsonDocument.Parse("""{"projectbegroting":80000,"looptijdMaanden":12,"deelnameLeertraject":true,"regeling":"REABLEMENT"}""");

        var gegevens = RegelsJson.LeesGegevens("REABLEMENT", document.RootElement, streng);

        Beoordelen.Met(gegevens).VoldoetMetBedrag(80_000m);
    }

    [Fact]
    public void Gegevens_met_een_andere_regeling_erin_worden_geweigerd()
    {
        using var document = JsonDocument.Parse("""{"regeling":"IOC","projectbegroting":1,"looptijdMaanden":1,"deelnameLeertraject":true}""");

        var fout = Assert.Throws<JsonException>(() => RegelsJson.LeesGegevens("REABLEMENT", document.RootElement));

        Assert.Contains("IOC", fout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gegevens_zonder_een_verplicht_veld_zijn_een_vormfout()
    {
        using var document = JsonDocument.Parse("""{"projectbegroting":1000,"deelnameLeertraject":true}""");

        var fout = Assert.Throws<JsonException>(() => RegelsJson.LeesGegevens("REABLEMENT", document.RootElement));

        Assert.Contains("looptijdMaanden", fout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Een_lege_woonvorm_is_een_vormfout_en_geen_regelovertreding()
    {
        using var document = JsonDocument.Parse("""{"woonvorm":null,"jongeren":[],"startdatum":"2024-02-01","aantalMaanden":1}""");

        Assert.Throws<JsonException>(() => RegelsJson.LeesGegevens("IWO", document.RootElement));
    }

    [Fact]
    public void Gegevens_van_een_onbekende_regeling_worden_niet_gelezen()
    {
        using var document = JsonDocument.Parse("{}");

        Assert.Throws<ArgumentException>(() => RegelsJson.LeesGegevens("WMO", document.RootElement));
    }

    [Fact]
    public void Parameters_van_een_beheerder_zonder_discriminator_worden_als_de_regeling_gelezen()
    {
        var node = JsonSerializer.SerializeToNode(IocParameters.Standaard, Standaardopties)!.AsObject();
        node["maximumBedrag"] = 12_500;
        using var document = JsonDocument.Parse(node.ToJsonString());

        var parameters = RegelsJson.LeesParameters("IOC", document.RootElement);

        Assert.Equal(12_500m, Assert.IsType<IocParameters>(parameters).MaximumBedrag);
    }
}
