using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Tests.Regels;

public sealed class StozRegelsTests
{
    private static StozGegevens Aanvraag(
        string route = "Implementatie",
        decimal kosten = 150_000m,
        int looptijd = 24,
        string sector = "Thuiszorg",
        IReadOnlyList<string>? doelen = null)
    {
        return new()
        {
            Route = route,
            Doelen = doelen ?? ["Arbeidsverlichting"],
            Sector = sector,
            SubsidiabeleKosten = kosten,
            LooptijdMaanden = looptijd,
        };
    }

    [Fact]
    public void De_subsidie_is_de_helft_van_de_subsidiabele_kosten()
    {
        Beoordelen.Met(Aanvraag(kosten: 150_000m)).VoldoetMetBedrag(75_000m);
    }

    [Fact]
    public void Strategievorming_is_begrensd_op_100000()
    {
        Beoordelen.Met(Aanvraag("Strategievorming", 500_000m)).VoldoetMetBedrag(100_000m);
    }

    [Fact]
    public void De_andere_routes_zijn_begrensd_op_500000()
    {
        Beoordelen.Met(Aanvraag("Opschaling", 2_000_000m)).VoldoetMetBedrag(500_000m);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(36)]
    public void Een_project_van_1_tot_en_met_36_maanden_mag(int looptijd)
    {
        Assert.True(Beoordelen.Met(Aanvraag(looptijd: looptijd)).Voldoet);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(37)]
    public void Een_project_korter_dan_een_maand_of_langer_dan_36_maanden_wordt_geweigerd(int looptijd)
    {
        var overtreding = Beoordelen.Met(Aanvraag(looptijd: looptijd)).EnigeOvertreding(RegelCodes.StozLooptijd);

        Assert.Contains("maximaal 36 maanden", overtreding.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Een_onbekende_route_wordt_geweigerd()
    {
        var overtreding = Beoordelen.Met(Aanvraag("Experimenteren")).EnigeOvertreding(RegelCodes.StozRouteOnbekend);

        Assert.Contains("Strategievorming", overtreding.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Een_route_uit_de_regels_mag_ook_een_nieuwe_route_zijn()
    {
        var parameters = StozParameters.Standaard with
        {
            Routes = [.. StozParameters.Standaard.Routes, new StozRoute { Naam = "Borging", MaximumBedrag = 250_000m }],
        };

        Beoordelen.Met(Aanvraag("Borging", 1_000_000m), parameters).VoldoetMetBedrag(250_000m);
    }

    [Fact]
    public void Beide_doelen_samen_mogen()
    {
        Assert.True(Beoordelen.Met(Aanvraag(doelen: ["Arbeidsverlichting", "LangerThuis"])).Voldoet);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Winst")]
    [InlineData("LangerThuis,LangerThuis")]
    public void Geen_onbekende_of_dubbele_doelen_worden_geweigerd(string doelen)
    {
        Beoordelen.Met(Aanvraag(doelen: doelen.Split(',', StringSplitOptions.RemoveEmptyEntries))).EnigeOvertreding(RegelCodes.StozDoelen);
    }

    [Theory]
    [InlineData("Geestelijke gezondheidszorg")]
    [InlineData("Gehandicaptenzorg")]
    [InlineData("Huisartsen en gezondheidscentra")]
    [InlineData("Jeugdzorg")]
    [InlineData("Overige zorg en welzijn")]
    [InlineData("Sociaal werk")]
    [InlineData("Thuiszorg")]
    [InlineData("Verpleging en verzorging")]
    [InlineData("Ziekenhuizen en overige medisch")]
    public void Elk_van_de_negen_sectoren_mag(string sector)
    {
        Assert.True(Beoordelen.Met(Aanvraag(sector: sector)).Voldoet);
    }

    [Fact]
    public void Een_sector_buiten_de_lijst_wordt_geweigerd()
    {
        Beoordelen.Met(Aanvraag(sector: "Tandartsen")).EnigeOvertreding(RegelCodes.StozSectorOnbekend);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1000")]
    public void Geen_of_negatieve_subsidiabele_kosten_worden_geweigerd_zonder_bedrag(string kosten)
    {
        var beoordeling = Beoordelen.Met(Aanvraag(kosten: decimal.Parse(kosten, System.Globalization.CultureInfo.InvariantCulture)));

        beoordeling.EnigeOvertreding(RegelCodes.StozSubsidiabeleKosten);
        Assert.Equal(0m, beoordeling.AangevraagdBedrag);
    }

    [Fact]
    public void Een_lager_subsidiepercentage_in_de_regels_verlaagt_het_bedrag()
    {
        Beoordelen.Met(Aanvraag(kosten: 150_000m), StozParameters.Standaard with { Subsidiepercentage = 40m }).VoldoetMetBedrag(60_000m);
    }

    [Fact]
    public void Een_tijdvak_met_een_kortere_looptijd_beperkt_het_project()
    {
        var overtreding = Beoordelen.Met(Aanvraag(looptijd: 30), tijdvakRegels: new TijdvakRegels { MaxLooptijdMaanden = 24 })
            .EnigeOvertreding(RegelCodes.StozLooptijd);

        Assert.Contains("maximaal 24 maanden", overtreding.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Een_woningcorporatie_kan_geen_stoz_aanvragen()
    {
        Beoordelen.Met(Aanvraag(), aanvragerType: "woningcorporatie").EnigeOvertreding(RegelCodes.AanvragerTypeNietToegestaan);
    }
}
