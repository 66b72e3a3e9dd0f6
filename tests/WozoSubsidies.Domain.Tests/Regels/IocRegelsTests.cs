using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Tests.Regels;

public sealed class IocRegelsTests
{
    /// <summary>IOC ronde 2: "niet beschikbaar voor fysiotherapeuten" (001:2321), oefentherapie with it (001:3445).</summary>
    private static readonly TijdvakRegels Ronde2 = new() { UitgeslotenBeroepsgroepen = ["fysiotherapie", "oefentherapie"] };

    private static IocGegevens Aanvraag(
        decimal coachkosten = 8_500m,
        int looptijd = 6,
        string sector = "VVT",
        string innovatietype = "procesinnovatie",
        string? beroepsgroep = null)
    {
        return new()
        {
            Sector = sector,
            Innovatietype = innovatietype,
            Coachkosten = coachkosten,
            LooptijdMaanden = looptijd,
            Beroepsgroep = beroepsgroep,
        };
    }

    [Fact]
    public void Een_voucher_van_precies_10000_voor_zes_maanden_mag()
    {
        Beoordelen.Met(Aanvraag(10_000m, 6)).VoldoetMetBedrag(10_000m);
    }

    [Fact]
    public void Het_bedrag_is_alleen_de_coachkosten()
    {
        Beoordelen.Met(Aanvraag(7_260.50m)).VoldoetMetBedrag(7_260.50m);
    }

    [Fact]
    public void Een_cent_boven_10000_wordt_geweigerd()
    {
        var overtreding = Beoordelen.Met(Aanvraag(10_000.01m)).EnigeOvertreding(RegelCodes.IocMaximumBedrag);

        Assert.Contains("€ 10.000 inclusief btw", overtreding.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Een_halve_cent_onder_de_grens_wordt_naar_de_grens_afgerond_en_mag()
    {
        Beoordelen.Met(Aanvraag(9_999.995m)).VoldoetMetBedrag(10_000m);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-250")]
    public void Geen_of_negatieve_coachkosten_worden_geweigerd(string coachkosten)
    {
        var beoordeling = Beoordelen.Met(Aanvraag(decimal.Parse(coachkosten, System.Globalization.CultureInfo.InvariantCulture)));

        beoordeling.EnigeOvertreding(RegelCodes.IocCoachkosten);
        Assert.Equal(0m, beoordeling.AangevraagdBedrag);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Een_looptijd_buiten_1_tot_en_met_6_maanden_wordt_geweigerd(int looptijd)
    {
        var overtreding = Beoordelen.Met(Aanvraag(looptijd: looptijd)).EnigeOvertreding(RegelCodes.IocLooptijd);

        Assert.Contains("maximaal 6 maanden", overtreding.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Een_sector_buiten_de_lijst_wordt_geweigerd()
    {
        Beoordelen.Met(Aanvraag(sector: "tandheelkunde")).EnigeOvertreding(RegelCodes.IocSectorOnbekend);
    }

    [Fact]
    public void Een_innovatietype_buiten_de_lijst_wordt_geweigerd()
    {
        Beoordelen.Met(Aanvraag(innovatietype: "productontwikkeling")).EnigeOvertreding(RegelCodes.IocInnovatietypeOnbekend);
    }

    [Fact]
    public void Een_fysiotherapeut_wordt_in_ronde_2_geweigerd()
    {
        var overtreding = Beoordelen.Met(Aanvraag(sector: "paramedische zorg", beroepsgroep: "fysiotherapie"), tijdvakRegels: Ronde2)
            .EnigeOvertreding(RegelCodes.IocBeroepsgroepUitgesloten);

        Assert.Contains("fysiotherapie of oefentherapie", overtreding.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Een_oefentherapeut_wordt_in_ronde_2_ook_geweigerd()
    {
        Beoordelen.Met(Aanvraag(beroepsgroep: "Oefentherapie"), tijdvakRegels: Ronde2).EnigeOvertreding(RegelCodes.IocBeroepsgroepUitgesloten);
    }

    [Fact]
    public void Een_fysiotherapeut_mag_in_ronde_3_wel_aanvragen()
    {
        Beoordelen.Met(Aanvraag(sector: "paramedische zorg", beroepsgroep: "fysiotherapie"), tijdvakRegels: TijdvakRegels.Geen)
            .VoldoetMetBedrag(8_500m);
    }

    [Fact]
    public void In_ronde_2_moet_de_aanvrager_zijn_beroepsgroep_noemen()
    {
        Beoordelen.Met(Aanvraag(beroepsgroep: null), tijdvakRegels: Ronde2).EnigeOvertreding(RegelCodes.IocBeroepsgroepOntbreekt);
    }

    [Fact]
    public void Een_wijkverpleegkundige_mag_in_ronde_2_aanvragen()
    {
        Assert.True(Beoordelen.Met(Aanvraag(sector: "wijkverpleging", beroepsgroep: "wijkverpleging"), tijdvakRegels: Ronde2).Voldoet);
    }

    [Fact]
    public void Een_uitsluiting_in_de_regels_geldt_in_elk_tijdvak()
    {
        var parameters = IocParameters.Standaard with { UitgeslotenBeroepsgroepen = ["fysiotherapie"] };

        Beoordelen.Met(Aanvraag(beroepsgroep: "fysiotherapie"), parameters).EnigeOvertreding(RegelCodes.IocBeroepsgroepUitgesloten);
    }

    [Fact]
    public void Een_ontwikkelaar_van_een_zorginnovatie_vraagt_aan_samen_met_een_zorgaanbieder()
    {
        var zonder = Beoordelen.Met(Aanvraag(), aanvragerType: "ontwikkelaar-zorginnovatie");
        var met = Beoordelen.Met(Aanvraag() with { SamenwerkendeZorgaanbieder = "Thuiszorg De Linde" }, aanvragerType: "ontwikkelaar-zorginnovatie");

        zonder.EnigeOvertreding(RegelCodes.IocSamenwerkingOntbreekt);
        Assert.True(met.Voldoet);
    }

    [Theory]
    [InlineData("zorgaanbieder")]
    [InlineData("gemeente")]
    [InlineData("ggd")]
    public void Zorgaanbieders_gemeenten_en_ggds_mogen_ioc_aanvragen(string type)
    {
        Assert.True(Beoordelen.Met(Aanvraag(), aanvragerType: type).Voldoet);
    }

    [Fact]
    public void Een_woningcorporatie_kan_geen_ioc_aanvragen()
    {
        Beoordelen.Met(Aanvraag(), aanvragerType: "woningcorporatie").EnigeOvertreding(RegelCodes.AanvragerTypeNietToegestaan);
    }

    [Fact]
    public void Een_hoger_maximum_in_de_regels_laat_een_grotere_voucher_toe()
    {
        Beoordelen.Met(Aanvraag(11_000m), IocParameters.Standaard with { MaximumBedrag = 12_000m }).VoldoetMetBedrag(11_000m);
    }
}
