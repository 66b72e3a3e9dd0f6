using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Tests.Regels;

public sealed class ReablementRegelsTests
{
    /// <summary>Ronde 3: "looptijd max 12 maanden" (001:2676).</summary>
    private static readonly TijdvakRegels Ronde3 = new() { MaxLooptijdMaanden = 12 };

    private static ReablementGegevens Aanvraag(decimal begroting = 95_000m, int looptijd = 12, bool leertraject = true) => new()
    {
        Projectbegroting = begroting,
        LooptijdMaanden = looptijd,
        DeelnameLeertraject = leertraject,
    };

    [Fact]
    public void Het_bedrag_is_de_projectbegroting()
    {
        Beoordelen.Met(Aanvraag(95_000m)).VoldoetMetBedrag(95_000m);
    }

    [Fact]
    public void Een_project_dat_niet_aan_het_leertraject_deelneemt_wordt_geweigerd()
    {
        var overtreding = Beoordelen.Met(Aanvraag(leertraject: false)).EnigeOvertreding(RegelCodes.ReablementDeelnameLeertraject);

        Assert.Equal("deelnameLeertraject", overtreding.Veld);
    }

    [Fact]
    public void Een_project_van_12_maanden_mag_in_ronde_3()
    {
        Beoordelen.Met(Aanvraag(looptijd: 12), tijdvakRegels: Ronde3).VoldoetMetBedrag(95_000m);
    }

    [Fact]
    public void Een_project_van_13_maanden_wordt_in_ronde_3_geweigerd()
    {
        var overtreding = Beoordelen.Met(Aanvraag(looptijd: 13), tijdvakRegels: Ronde3).EnigeOvertreding(RegelCodes.ReablementLooptijd);

        Assert.Contains("maximaal 12 maanden", overtreding.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Buiten_ronde_3_geldt_geen_maximale_looptijd()
    {
        // Round 1 projects ran about 20 months (001:2669).
        Assert.True(Beoordelen.Met(Aanvraag(looptijd: 20)).Voldoet);
    }

    [Fact]
    public void Een_project_zonder_looptijd_wordt_geweigerd()
    {
        Beoordelen.Met(Aanvraag(looptijd: 0)).EnigeOvertreding(RegelCodes.ReablementLooptijd);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5000")]
    public void Een_project_zonder_begroting_wordt_geweigerd(string begroting)
    {
        var beoordeling = Beoordelen.Met(Aanvraag(decimal.Parse(begroting, System.Globalization.CultureInfo.InvariantCulture)));

        beoordeling.EnigeOvertreding(RegelCodes.ReablementProjectbegroting);
        Assert.Equal(0m, beoordeling.AangevraagdBedrag);
    }

    [Fact]
    public void Een_maximale_looptijd_in_de_regels_geldt_in_elk_tijdvak_en_de_strengste_wint()
    {
        var parameters = ReablementParameters.Standaard with { MaximumLooptijdMaanden = 18 };

        Beoordelen.Met(Aanvraag(looptijd: 19), parameters).EnigeOvertreding(RegelCodes.ReablementLooptijd);
        Beoordelen.Met(Aanvraag(looptijd: 13), parameters, tijdvakRegels: Ronde3).EnigeOvertreding(RegelCodes.ReablementLooptijd);
    }

    [Fact]
    public void Het_leertraject_telt_hoogstens_16_projecten()
    {
        // 001:432; enforced across aanvragen by the aggregates, which read it from here.
        Assert.Equal(16, ReablementParameters.Standaard.MaxProjectenLeertraject);
    }

    [Fact]
    public void Een_gemeente_kan_geen_reablementproject_aanvragen()
    {
        Beoordelen.Met(Aanvraag(), aanvragerType: "gemeente").EnigeOvertreding(RegelCodes.AanvragerTypeNietToegestaan);
    }
}
