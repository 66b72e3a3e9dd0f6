using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Tests.Regels;

public sealed class SzgwRegelsTests
{
    private static SzgwGegevens Aanvraag(int woningen = 40, bool wlz = true, string naam = "Hof van Wlz", string gemeente = "Utrecht") => new()
    {
        Woningen = woningen,
        Nieuwbouw = true,
        WlzDoelgroep = wlz,
        Project = new SzgwProject { Naam = naam, Gemeente = gemeente },
    };

    [Fact]
    public void Veertig_zorggeschikte_woningen_a_15000_vragen_600000()
    {
        Beoordelen.Met(Aanvraag(40)).VoldoetMetBedrag(600_000m);
    }

    [Theory]
    [InlineData(1, 15_000)]
    [InlineData(10_000, 150_000_000)]
    public void Een_tot_en_met_tienduizend_woningen_mogen(int woningen, int bedrag)
    {
        Beoordelen.Met(Aanvraag(woningen)).VoldoetMetBedrag(bedrag);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(10_001)]
    [InlineData(int.MaxValue)]
    public void Geen_woningen_of_een_onwaarschijnlijk_aantal_wordt_geweigerd_zonder_bedrag(int woningen)
    {
        var beoordeling = Beoordelen.Met(Aanvraag(woningen));

        beoordeling.EnigeOvertreding(RegelCodes.SzgwAantalWoningen);
        Assert.Equal(0m, beoordeling.AangevraagdBedrag);
    }

    [Fact]
    public void Woningen_die_niet_voor_mensen_met_een_wlz_indicatie_zijn_worden_geweigerd()
    {
        var overtreding = Beoordelen.Met(Aanvraag(wlz: false)).EnigeOvertreding(RegelCodes.SzgwGeenWlzDoelgroep);

        Assert.Contains("Wlz-indicatie", overtreding.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Een_project_zonder_gemeente_is_onvolledig()
    {
        var overtreding = Beoordelen.Met(Aanvraag(gemeente: " ")).EnigeOvertreding(RegelCodes.SzgwProjectOnvolledig);

        Assert.Equal("project.gemeente", overtreding.Veld);
    }

    [Fact]
    public void Bestaande_bouw_telt_net_zo_goed_als_nieuwbouw()
    {
        Beoordelen.Met(Aanvraag(10) with { Nieuwbouw = false }).VoldoetMetBedrag(150_000m);
    }

    [Fact]
    public void Een_ander_bedrag_per_woning_in_de_regels_verandert_het_bedrag()
    {
        var parameters = SzgwParameters.Standaard with { BedragPerWoning = 12_500m };

        Beoordelen.Met(Aanvraag(40), parameters).VoldoetMetBedrag(500_000m);
    }

    [Fact]
    public void Een_zorgaanbieder_is_geen_sociale_verhuurder_en_kan_geen_szgw_aanvragen()
    {
        Beoordelen.Met(Aanvraag(), aanvragerType: "zorgaanbieder").EnigeOvertreding(RegelCodes.AanvragerTypeNietToegestaan);
    }
}
