using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Tests.Regels;

public sealed class SooRegelsTests
{
    private static SooGegevens Aanvraag(int woningen, decimal oppervlakte = 60m) => new()
    {
        AantalWoningenComplex = woningen,
        Ontmoetingsruimte = new SooOntmoetingsruimte { Nieuwbouw = false, OppervlakteM2 = oppervlakte },
    };

    [Theory]
    [InlineData(1, 50_000)]
    [InlineData(29, 50_000)]
    [InlineData(30, 100_000)]
    [InlineData(75, 100_000)]
    [InlineData(76, 150_000)]
    [InlineData(400, 150_000)]
    public void De_bijdrage_hangt_af_van_de_grootteklasse_van_het_complex(int woningen, int bedrag)
    {
        Beoordelen.Met(Aanvraag(woningen)).VoldoetMetBedrag(bedrag);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Een_complex_zonder_woningen_wordt_geweigerd(int woningen)
    {
        var beoordeling = Beoordelen.Met(Aanvraag(woningen));

        beoordeling.EnigeOvertreding(RegelCodes.SooAantalWoningen);
        Assert.Equal(0m, beoordeling.AangevraagdBedrag);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-12.5")]
    public void Een_ontmoetingsruimte_zonder_oppervlakte_wordt_geweigerd(string oppervlakte)
    {
        Beoordelen.Met(Aanvraag(40, decimal.Parse(oppervlakte, System.Globalization.CultureInfo.InvariantCulture)))
            .EnigeOvertreding(RegelCodes.SooOppervlakte);
    }

    [Fact]
    public void Een_complex_dat_in_geen_grootteklasse_valt_wordt_geweigerd()
    {
        var alleenKlein = SooParameters.Standaard with
        {
            Grootteklassen = [new SooGrootteklasse { Naam = "klein", MinimumWoningen = 1, MaximumWoningen = 29, Bedrag = 50_000m }],
        };

        var overtreding = Beoordelen.Met(Aanvraag(40), alleenKlein).EnigeOvertreding(RegelCodes.SooGeenGrootteklasse);

        Assert.Contains("klein: 1–29 woningen", overtreding.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Een_hoger_bedrag_voor_kleine_complexen_in_de_regels_verandert_het_bedrag()
    {
        var klassen = SooParameters.Standaard.Grootteklassen.ToList();
        klassen[0] = klassen[0] with { Bedrag = 60_000m };

        Beoordelen.Met(Aanvraag(12), SooParameters.Standaard with { Grootteklassen = klassen }).VoldoetMetBedrag(60_000m);
    }

    [Theory]
    [InlineData("woningcorporatie")]
    [InlineData("marktpartij")]
    [InlineData("burgerinitiatief")]
    [InlineData("zorgaanbieder")]
    public void Corporaties_marktpartijen_burgerinitiatieven_en_zorgaanbieders_mogen_soo_aanvragen(string type)
    {
        Assert.True(Beoordelen.Met(Aanvraag(40), aanvragerType: type).Voldoet);
    }

    [Fact]
    public void Een_gemeente_kan_geen_soo_aanvragen()
    {
        Beoordelen.Met(Aanvraag(40), aanvragerType: "gemeente").EnigeOvertreding(RegelCodes.AanvragerTypeNietToegestaan);
    }
}
