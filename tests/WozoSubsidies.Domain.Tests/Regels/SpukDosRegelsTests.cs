using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Tests.Regels;

public sealed class SpukDosRegelsTests
{
    private static SpukDosGegevens Aanvraag(
        IReadOnlyList<string>? gemeenten = null,
        string onderwerp = "Dementiezorg",
        decimal meerkosten = 250_000m,
        string businesscase = "Minder instroom in de Wlz door een integrale intake; zie bijlage.")
    {
        return new()
        {
            Gemeenten = gemeenten ?? ["GM0363", "GM0599"],
            Onderwerp = onderwerp,
            Meerkosten = meerkosten,
            Businesscase = businesscase,
        };
    }

    [Fact]
    public void Gemeenten_vragen_samen_alleen_de_meerkosten_aan()
    {
        Beoordelen.Met(Aanvraag(meerkosten: 250_000.50m), aanvragerType: "gemeente").VoldoetMetBedrag(250_000.50m);
    }

    [Fact]
    public void De_eerste_gemeente_is_de_penvoerder()
    {
        Assert.Equal("GM0363", Aanvraag().Penvoerder);
    }

    [Fact]
    public void Een_gemeente_mag_ook_in_haar_eentje_aanvragen()
    {
        Assert.True(Beoordelen.Met(Aanvraag(["GM0344"])).Voldoet);
    }

    [Fact]
    public void Een_aanvraag_zonder_gemeenten_wordt_geweigerd()
    {
        Beoordelen.Met(Aanvraag([])).EnigeOvertreding(RegelCodes.SpukDosGemeentenLeeg);
    }

    [Theory]
    [InlineData("Amsterdam")]
    [InlineData("GM363")]
    [InlineData("GM03630")]
    [InlineData("gm0363")]
    [InlineData("GMabcd")]
    public void Een_gemeente_die_geen_cbs_code_is_wordt_geweigerd(string code)
    {
        var overtreding = Beoordelen.Met(Aanvraag(["GM0363", code])).EnigeOvertreding(RegelCodes.SpukDosGemeentecodeOngeldig);

        Assert.Equal("gemeenten[1]", overtreding.Veld);
    }

    [Fact]
    public void Dezelfde_gemeente_twee_keer_wordt_geweigerd()
    {
        Beoordelen.Met(Aanvraag(["GM0363", "GM0599", "GM0363"])).EnigeOvertreding(RegelCodes.SpukDosGemeenteDubbel);
    }

    [Theory]
    [InlineData("Arrangeur")]
    [InlineData("Dementiezorg")]
    [InlineData("Indicatieloze dagbesteding")]
    [InlineData("Jeugd")]
    [InlineData("Wonen-zorg-community building")]
    public void Elk_van_de_vijf_onderwerpen_mag(string onderwerp)
    {
        Assert.True(Beoordelen.Met(Aanvraag(onderwerp: onderwerp)).Voldoet);
    }

    [Fact]
    public void Een_ander_onderwerp_wordt_geweigerd()
    {
        Beoordelen.Met(Aanvraag(onderwerp: "Sport")).EnigeOvertreding(RegelCodes.SpukDosOnderwerpOnbekend);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void Zonder_meerkosten_valt_er_niets_te_vergoeden(string meerkosten)
    {
        var beoordeling = Beoordelen.Met(Aanvraag(meerkosten: decimal.Parse(meerkosten, System.Globalization.CultureInfo.InvariantCulture)));

        beoordeling.EnigeOvertreding(RegelCodes.SpukDosMeerkosten);
        Assert.Equal(0m, beoordeling.AangevraagdBedrag);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Een_aanvraag_zonder_businesscase_wordt_geweigerd(string businesscase)
    {
        Beoordelen.Met(Aanvraag(businesscase: businesscase)).EnigeOvertreding(RegelCodes.SpukDosBusinesscaseOntbreekt);
    }

    [Fact]
    public void Een_zorgaanbieder_kan_geen_specifieke_uitkering_krijgen()
    {
        Beoordelen.Met(Aanvraag(), aanvragerType: "zorgaanbieder").EnigeOvertreding(RegelCodes.AanvragerTypeNietToegestaan);
    }

    [Fact]
    public void Een_nieuw_onderwerp_in_de_regels_wordt_toegestaan()
    {
        var parameters = SpukDosParameters.Standaard with { Onderwerpen = [.. SpukDosParameters.Standaard.Onderwerpen, "Mantelzorg"] };

        Assert.False(Beoordelen.Met(Aanvraag(onderwerp: "Mantelzorg")).Voldoet);
        Assert.True(Beoordelen.Met(Aanvraag(onderwerp: "Mantelzorg"), parameters).Voldoet);
    }

    [Fact]
    public void Een_half_centje_wordt_van_nul_af_afgerond()
    {
        Beoordelen.Met(Aanvraag(meerkosten: 100.005m)).VoldoetMetBedrag(100.01m);
    }
}
