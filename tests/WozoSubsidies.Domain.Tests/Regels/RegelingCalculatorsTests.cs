using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Tests.Regels;

public sealed class RegelingCalculatorsTests
{
    [Fact]
    public void Er_zijn_zeven_regelingen_met_elk_een_eigen_calculator()
    {
        Assert.Equal(["IWO", "SZGW", "SOO", "STOZ", "IOC", "SPUK-DOS", "REABLEMENT"], RegelingCalculators.Alle.Select(c => c.RegelingCode));
    }

    [Theory]
    [MemberData(nameof(Voorbeelden.Codes), MemberType = typeof(Voorbeelden))]
    public void Een_geldige_aanvraag_van_elke_regeling_vraagt_het_berekende_bedrag(string code)
    {
        var (gegevens, bedrag) = Voorbeelden.Geldig[code];

        Assert.Equal(code, gegevens.RegelingCode);
        Beoordelen.Met(gegevens).VoldoetMetBedrag(bedrag);
    }

    [Theory]
    [MemberData(nameof(Voorbeelden.Codes), MemberType = typeof(Voorbeelden))]
    public void De_register_typen_horen_bij_de_code(string code)
    {
        Assert.Equal(code, RegelingCalculators.Voor(code).RegelingCode);
        Assert.Equal(Voorbeelden.Geldig[code].Gegevens.GetType(), RegelingCalculators.GegevensType(code));
        Assert.Equal(RegelingCalculators.StandaardParameters(code).GetType(), RegelingCalculators.ParametersType(code));
        Assert.Equal(code, RegelingCalculators.StandaardParameters(code).RegelingCode);
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("iwo")]
    [InlineData("")]
    public void Een_onbekende_regelingcode_geeft_een_duidelijke_fout(string code)
    {
        var fout = Assert.Throws<ArgumentException>(() => RegelingCalculators.Voor(code));

        Assert.Contains("Onbekende regeling", fout.Message, StringComparison.Ordinal);
        Assert.False(RegelingCalculators.IsBekend(code));
    }

    [Theory]
    [MemberData(nameof(Voorbeelden.Codes), MemberType = typeof(Voorbeelden))]
    public void Een_calculator_weigert_gegevens_van_een_andere_regeling_als_programmeerfout(string code)
    {
        var andere = RegelingCodes.Alle.First(c => c != code);
        var context = new AanvraagContext(Beoordelen.Aanvraagdatum, "gemeente", RegelingCalculators.StandaardParameters(code), TijdvakRegels.Geen);

        Assert.Throws<ArgumentException>(() => RegelingCalculators.Voor(code).Beoordeel(Voorbeelden.Geldig[andere].Gegevens, context));
    }

    [Theory]
    [MemberData(nameof(Voorbeelden.Codes), MemberType = typeof(Voorbeelden))]
    public void Een_calculator_weigert_parameters_van_een_andere_regeling_als_programmeerfout(string code)
    {
        var andere = RegelingCodes.Alle.First(c => c != code);
        var context = new AanvraagContext(Beoordelen.Aanvraagdatum, "gemeente", RegelingCalculators.StandaardParameters(andere), TijdvakRegels.Geen);

        Assert.Throws<ArgumentException>(() => RegelingCalculators.Voor(code).Beoordeel(Voorbeelden.Geldig[code].Gegevens, context));
    }

    [Theory]
    [MemberData(nameof(Voorbeelden.Codes), MemberType = typeof(Voorbeelden))]
    public void Een_aanvrager_van_een_niet_genoemd_type_wordt_bij_elke_regeling_geweigerd(string code)
    {
        var beoordeling = Beoordelen.Met(Voorbeelden.Geldig[code].Gegevens, aanvragerType: "particulier");

        var overtreding = beoordeling.EnigeOvertreding(RegelCodes.AanvragerTypeNietToegestaan);
        Assert.Contains("'particulier'", overtreding.Melding, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Voorbeelden.Codes), MemberType = typeof(Voorbeelden))]
    public void Een_aanvragertype_toevoegen_aan_de_regels_laat_dat_type_toe(string code)
    {
        var standaard = RegelingCalculators.StandaardParameters(code);
        var ruimer = standaard with { ToegestaneAanvragerTypen = [.. standaard.ToegestaneAanvragerTypen, "particulier"] };

        Assert.True(Beoordelen.Met(Voorbeelden.Geldig[code].Gegevens, ruimer, aanvragerType: "particulier").Voldoet);
    }

    [Theory]
    [MemberData(nameof(Voorbeelden.Codes), MemberType = typeof(Voorbeelden))]
    public void De_standaardparameters_van_elke_regeling_zijn_consistent(string code)
    {
        Assert.Empty(RegelingCalculators.StandaardParameters(code).Valideer());
    }

    [Fact]
    public void Elke_regelcode_is_uniek_en_in_kebab_case_zodat_clients_erop_kunnen_schakelen()
    {
        var codes = typeof(RegelCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToList();

        Assert.Equal(39, codes.Count);
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^[a-z]+(-[a-z0-9]+)+$", c));
    }

    [Fact]
    public void Tegenstrijdige_parameters_worden_met_naam_gemeld()
    {
        var parameters = IwoParameters.Standaard with { MinimumJongeren = 12, ToegestaneHuurkortingen = [], ToegestaneAanvragerTypen = [] };

        var fouten = parameters.Valideer();

        Assert.Contains(fouten, f => f.Contains("minimumJongeren (12) mag niet groter zijn dan maximumJongeren (10)", StringComparison.Ordinal));
        Assert.Contains(fouten, f => f.Contains("toegestaneHuurkortingen", StringComparison.Ordinal));
        Assert.Contains(fouten, f => f.Contains("toegestaneAanvragerTypen", StringComparison.Ordinal));
    }

    [Fact]
    public void Grootteklassen_met_een_gat_ertussen_worden_gemeld()
    {
        var parameters = SooParameters.Standaard with
        {
            Grootteklassen =
            [
                new SooGrootteklasse { Naam = "klein", MinimumWoningen = 1, MaximumWoningen = 29, Bedrag = 50_000m },
                new SooGrootteklasse { Naam = "groot", MinimumWoningen = 40, MaximumWoningen = null, Bedrag = 150_000m },
            ],
        };

        Assert.Contains(parameters.Valideer(), f => f.Contains("grootteklassen[1] sluit niet aan", StringComparison.Ordinal));
    }

    [Fact]
    public void Een_subsidiepercentage_boven_100_wordt_gemeld()
    {
        var parameters = StozParameters.Standaard with { Subsidiepercentage = 150m };

        Assert.Contains(parameters.Valideer(), f => f.Contains("subsidiepercentage", StringComparison.Ordinal));
    }
}
